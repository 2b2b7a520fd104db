// The query page: CodeMirror's SPARQL mode over the textarea, queries sent to the public
// endpoint /sparql, results drawn as a table. Everything the page does is the endpoint's own answer.
(function () {
  'use strict';
  var textarea = document.getElementById('query');
  var editor = null;
  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: 'application/sparql-query', lineNumbers: true, inputStyle: 'contenteditable',
      screenReaderLabel: 'SPARQL query', viewportMargin: Infinity,
      // Tab must move focus on, not indent: keyboard users must never be trapped in the editor.
      extraKeys: { Tab: false, 'Shift-Tab': false }
    });
    window.cairnEditor = editor;
  }
  function text() { return editor ? editor.getValue() : textarea.value; }

  var select = document.getElementById('example');
  document.getElementById('example-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = select.options[select.selectedIndex].getAttribute('data-query');
    if (editor) { editor.setValue(q); editor.focus(); } else { textarea.value = q; textarea.focus(); }
  });

  var status = document.getElementById('query-status');
  var errorBox = document.getElementById('query-error');
  var results = document.getElementById('results');
  var downloads = document.getElementById('downloads');

  function cellText(b) {
    if (!b) { return ''; }
    return b.value;
  }

  function table(json) {
    var vars = json.head.vars;
    var rows = json.results.bindings;
    var t = document.createElement('table');
    t.className = 'data';
    t.id = 'results-table';
    var cap = document.createElement('caption');
    cap.textContent = rows.length + (rows.length === 1 ? ' row' : ' rows');
    t.appendChild(cap);
    var thead = t.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = v; thead.appendChild(th); });
    var body = t.createTBody();
    rows.forEach(function (r) {
      var tr = body.insertRow();
      vars.forEach(function (v) {
        var td = tr.insertCell();
        var b = r[v];
        if (b && b.type === 'uri') {
          var a = document.createElement('a');
          a.href = b.value; a.textContent = b.value; td.appendChild(a);
        } else { td.textContent = cellText(b); }
      });
    });
    return t;
  }

  document.getElementById('query-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = text();
    errorBox.hidden = true;
    results.innerHTML = '';
    status.textContent = 'Running the query...';
    var started = performance.now();
    fetch('/sparql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/sparql-results+json, text/turtle;q=0.9' },
      body: 'query=' + encodeURIComponent(q)
    }).then(function (r) {
      return r.text().then(function (body) { return { ok: r.ok, status: r.status, type: r.headers.get('Content-Type') || '', body: body }; });
    }).then(function (r) {
      var ms = Math.round(performance.now() - started);
      if (!r.ok) {
        status.textContent = 'The query was not answered.';
        errorBox.textContent = 'Error ' + r.status + ': ' + r.body;
        errorBox.hidden = false;
        downloads.hidden = true;
        return;
      }
      var enc = encodeURIComponent(q);
      document.getElementById('download-csv').href = '/sparql.csv?query=' + enc;
      document.getElementById('download-json').href = '/sparql.json?query=' + enc;
      document.getElementById('download-tsv').href = '/sparql.tsv?query=' + enc;
      if (r.type.indexOf('json') >= 0 && r.body.indexOf('"head"') >= 0) {
        var json = JSON.parse(r.body);
        if (json.boolean !== undefined) {
          status.textContent = 'Answer: ' + json.boolean + ' (' + ms + ' ms)';
          downloads.hidden = true;
          return;
        }
        results.appendChild(table(json));
        status.textContent = json.results.bindings.length + ' rows in ' + ms + ' ms.';
        downloads.hidden = false;
      } else {
        var pre = document.createElement('pre');
        pre.textContent = r.body;
        results.appendChild(pre);
        status.textContent = 'RDF answer (' + ms + ' ms).';
        downloads.hidden = true;
      }
    }).catch(function (err) {
      status.textContent = 'The query could not be sent.';
      errorBox.textContent = String(err);
      errorBox.hidden = false;
    });
  });
})();
