"""Every main page in a real browser, checked by axe-core against WCAG 2.1 A and AA (and axe's
best practices), in bokmål and in English: no violations, and nothing in the console (no script
errors, no violations of the Content-Security-Policy)."""

import io

import pytest
from django.core.management import call_command

from .browser import watch_console
from .pages import main_pages
from .tools import AXE

pytestmark = pytest.mark.browser

# WCAG 2.1 levels A and AA, and axe's best practices (unique landmarks, heading order, all
# content in landmarks …), which the pages meet as well.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(' '),
      summary: (node.failureSummary || '').replace(/\\s+/g, ' '),
    })),
  }));
}"""


def _report(page, violations):
    lines = [f"{page.name} ({page.url}):"]
    for violation in violations:
        lines.append(f"  {violation['id']} [{violation['impact']}] {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary'][:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def _expected_console_message(message, page):
    # Chromium logs the status of a page that is an error page on purpose.
    return page.status != 200 and message.startswith(
        f"console: Failed to load resource: the server responded with a status of {page.status}"
    )


# The browser reads what the test writes, so the test commits for real; the reference data (the
# UN goals) is put back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_main_page_passes_axe_without_console_errors(language, open_context):
    call_command("load_demo", stdout=io.StringIO())
    tabs = {}
    failures = []
    for page in main_pages(language):
        if page.user not in tabs:
            tab = open_context(language, page.user, axe=True).new_page()
            tabs[page.user] = (tab, watch_console(tab))
        tab, console = tabs[page.user]
        console.clear()
        response = tab.goto(page.url)
        if response.status != page.status:
            failures.append(f"{page.name} ({page.url}): status {response.status}")
            continue
        assert tab.evaluate("document.documentElement.lang") == language, page.url
        violations = tab.evaluate(RUN_AXE, AXE_TAGS)
        if violations:
            failures.append(_report(page, violations))
        unexpected = [
            message for message in console if not _expected_console_message(message, page)
        ]
        if unexpected:
            failures.append(f"{page.name} ({page.url}):\n    " + "\n    ".join(unexpected))
    assert not failures, f"{len(failures)} pages with problems:\n" + "\n".join(failures)


def test_axe_and_the_console_watch_find_what_they_should(browser):
    """The test above would pass with an axe that checked nothing or a console that was never
    read; this one would not."""
    tab = browser.new_page()
    console = watch_console(tab)
    tab.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title>'
        '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        '</head><body><main><img src="/nowhere.png"><script>1</script></main></body></html>'
    )
    assert any("Content Security Policy" in message for message in console)
    tab.close()
    tab = browser.new_page()
    tab.set_content(
        '<!DOCTYPE html><html lang="en"><title>Broken</title>'
        '<main><h1>Broken</h1><img src="/x.png"></main>'
    )
    tab.add_script_tag(path=AXE)
    violations = tab.evaluate(RUN_AXE, AXE_TAGS)
    assert [violation["id"] for violation in violations] == ["image-alt"]
    tab.close()
