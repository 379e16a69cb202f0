"""Issue 9, "Reach": the server serves the client minified and its string tables split by language (SeminarCore's
ServedClient, docs/client-budget.md). Minifying must not change the program: every served script parses as a module
(node --check) and has the same syntax tree as its source (check_served.mjs, where acorn is installed); every
stylesheet gives Chromium the same rules; index.html gives the same document; each language's table holds its column
of the source. The rest of the suite runs against the minified client, which is the proof that it works."""
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from test_weak_links import shell_modules

WEB = ROOT / "Web"
TABLES = WEB / "js" / "strings"
LOCALES = ["fr", "en", "es"]


def served_paths():
    """Every path the server serves: the web folder's files, each string table as one file per language."""
    paths = []
    for file in sorted(p for p in WEB.rglob("*") if p.is_file() and not p.name.startswith(".")):
        path = file.relative_to(WEB).as_posix()
        if file.parent == TABLES and file.suffix == ".js":
            paths += [f"js/strings/{locale}/{file.name}" for locale in LOCALES]
        else:
            paths.append(path)
    return paths + ["js/shell.js"]  # the first page's modules in one file (ModuleBundler)


def fetch(server, path):
    request = urllib.request.Request(f"{server.url}/{path}", headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


@pytest.fixture
def downloaded(server, tmp_path):
    """The served client, file by file, in a folder laid out like Web/."""
    for path in served_paths():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fetch(server, path))
    return tmp_path


def test_the_served_client_is_smaller_than_its_source(server):
    for path in ["js/app.js", "js/socket.js", "css/app.css", "index.html"]:
        assert len(fetch(server, path)) < (WEB / path).stat().st_size, path
    fetch(server, "js/strings/fr/base.js")
    with pytest.raises(urllib.error.HTTPError):  # the three-language table stays on the server
        fetch(server, "js/strings/base.js")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_every_served_script_is_the_same_program(downloaded, tmp_path_factory):
    modules = tmp_path_factory.mktemp("modules")
    for script in sorted(downloaded.rglob("*.js")):
        # node reads .mjs files as modules (import, export, top-level await)
        copy = modules / (script.relative_to(downloaded).as_posix().replace("/", "__")[:-3] + ".mjs")
        copy.write_bytes(script.read_bytes())
        check = subprocess.run(["node", "--check", str(copy)], capture_output=True, text=True)
        assert check.returncode == 0, f"{script.relative_to(downloaded)}: {check.stderr}"
    result = subprocess.run(["node", str(ROOT / "Tests" / "Browser" / "check_served.mjs"), str(downloaded)],
                            capture_output=True, text=True)
    print(result.stdout)
    assert result.returncode == 0, result.stderr


CSS_RULES = """
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(arguments[0]);
    return [...sheet.cssRules].map((rule) => rule.cssText);"""

# The document as it renders: comments left out, adjacent text merged, whitespace runs as one space.
DOCUMENT = """
    const doc = new DOMParser().parseFromString(arguments[0], 'text/html');
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) return node.data.replace(/\\s+/g, ' ');
      const attributes = node.attributes ? [...node.attributes].map((a) => `${a.name}=${a.value}`).sort().join(' ') : '';
      const children = [];
      for (const child of node.childNodes) {
        if (child.nodeType === Node.COMMENT_NODE) continue;
        const part = walk(child);
        if (typeof part === 'string' && typeof children.at(-1) === 'string') {
          children[children.length - 1] = (children.at(-1) + part).replace(/\\s+/g, ' ');
        } else children.push(part);
      }
      return { name: node.nodeName, attributes, children };
    };
    return JSON.stringify(walk(doc));"""


def test_stylesheets_and_page_are_the_same_for_the_browser(server, downloaded, browsers):
    driver = browsers("en")
    driver.get(server.url + "/healthz")
    for sheet in sorted((WEB / "css").glob("*.css")):
        source = driver.execute_script(CSS_RULES, sheet.read_text())
        served = driver.execute_script(CSS_RULES, (downloaded / "css" / sheet.name).read_text())
        assert source and served == source, sheet.name
    html = (downloaded / "index.html").read_text()
    version = html.split('src="/v/', 1)[1].split("/", 1)[0]
    served = driver.execute_script(DOCUMENT, html.replace(f"/v/{version}/", "/"))
    # The same page, loading the first page's bundle instead of app.js and the modules in it (ModuleBundler).
    source = (WEB / "index.html").read_text().replace('src="/js/app.js"', 'src="/js/shell.js"')
    for module in shell_modules() - {"prefetch.js", "locale.js", "strings.js"}:
        source = source.replace(f'<link rel="modulepreload" href="/js/{module}">', "")
    assert served == driver.execute_script(DOCUMENT, source)
