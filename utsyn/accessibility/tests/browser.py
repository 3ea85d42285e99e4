"""Helpers of the browser tests: what the page reports, where the focus is, moving it."""


def watch_console(page):
    """The page's console errors and uncaught exceptions, as a list that fills as they come
    (a Content-Security-Policy violation is a console error)."""
    problems = []
    page.on(
        "console",
        lambda message: problems.append(f"console: {message.text}")
        if message.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    return problems


def focused(page):
    """What has the keyboard focus, described for assertions and failure messages."""
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          return {
            tag: element.tagName.toLowerCase(),
            id: element.id,
            name: element.getAttribute('name') || '',
            type: element.getAttribute('type') || '',
            text: (element.innerText || element.value || '').trim().slice(0, 80),
            href: element.getAttribute('href') || '',
          };
        }"""
    )


def tab_to(page, matches, limit=80, backwards=False):
    """Presses Tab (or Shift+Tab) until the focused element matches; fails after `limit`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = focused(page)
        if element and matches(element):
            return element
    raise AssertionError(f"No Tab stop matched within {limit} presses")
