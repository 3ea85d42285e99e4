// htmx's settings under Utsyn's Content Security Policy: no <style> element of its own (the
// policy allows none), no eval, and no scripts run from markup that it swaps in. Deferred like
// htmx and after it, so these are set before htmx starts when the page has loaded.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;
