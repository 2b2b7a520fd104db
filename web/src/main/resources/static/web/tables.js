// The table builder: every figure comes from the tabulation service (/tabulate/datasets,
// /tabulate, /localities); this script only asks and draws. Withheld cells are written as text
// with a symbol and a numbered reason, never shown by colour alone.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var datasets = [];
  var LEVEL_NAMES = {
    'data-zones-2011': 'Data zones', 'intermediate-zones-2011': 'Intermediate zones', 'electoral-wards': 'Electoral wards',
    'scottish-parliamentary-constituencies': 'Scottish Parliamentary constituencies',
    'health-and-social-care-partnerships': 'Health and social care partnerships', 'council-areas': 'Council areas',
    'health-boards': 'Health boards', 'countries': 'Scotland'
  };

  function option(sel, value, label) {
    var o = document.createElement('option'); o.value = value; o.textContent = label; sel.appendChild(o); return o;
  }
  function current() { return datasets.filter(function (d) { return d.name === $('dataset').value; })[0]; }

  function showDataset() {
    var d = current();
    var box = $('variables'); box.innerHTML = '';
    d.variables.forEach(function (v, i) {
      var div = document.createElement('div');
      var cb = document.createElement('input'); cb.type = 'checkbox'; cb.id = 'var-' + v.name; cb.value = v.name; cb.className = 'var';
      if (i === 0) { cb.checked = true; }
      var l = document.createElement('label'); l.htmlFor = cb.id; l.textContent = v.label;
      div.appendChild(cb); div.appendChild(l); box.appendChild(div);
    });
    var level = $('level'); level.innerHTML = '';
    d.levels.forEach(function (l) { var o = option(level, l, LEVEL_NAMES[l] || l); if (l === 'council-areas') { o.selected = true; } });
    var measure = $('measure'); measure.innerHTML = '';
    d.measures.forEach(function (m) { option(measure, m, m === 'count' ? 'Count of ' + d.unit : m === 'sum' ? 'Sum' : 'Mean'); });
    var mag = $('magnitude'); mag.innerHTML = '';
    d.magnitudes.forEach(function (m) { option(mag, m.name, m.label); });
    $('measure-field').hidden = d.measures.length < 2;
    showMeasure();
  }
  function showMeasure() { $('magnitude-field').hidden = $('measure').value === 'count'; }
  function showWhere() {
    var loc = $('where-locality').checked;
    $('locality-field').hidden = !loc; $('level-field').hidden = loc;
  }

  // The first page of localities (the list is paged, at most 100 a page), and the one just
  // saved even when it falls on a later page.
  function loadLocalities(saved) {
    return fetch('/localities?size=100').then(function (r) { return r.json(); }).then(function (page) {
      var sel = $('locality'), list = page.localities || [], found = false; sel.innerHTML = '';
      if (!list.length && !saved) { option(sel, '', '(none yet: create one below)'); }
      list.forEach(function (l) {
        var o = option(sel, l.slug, l.name + ' (' + l.dataZoneCount + ' data zones)');
        if (saved && l.slug === saved.slug) { o.selected = true; found = true; }
      });
      if (saved && !found) { option(sel, saved.slug, saved.name + ' (' + saved.dataZones.length + ' data zones)').selected = true; }
    });
  }

  function request() {
    var vars = Array.prototype.map.call(document.querySelectorAll('.var:checked'), function (c) { return c.value; });
    var body = { dataset: $('dataset').value, variables: vars };
    body.geography = $('where-locality').checked ? { locality: $('locality').value } : { level: $('level').value };
    var m = $('measure').value;
    if (m && m !== 'count') { body.measure = m; body.magnitude = $('magnitude').value; }
    return body;
  }
  function csvUrl(body) {
    var p = ['dataset=' + encodeURIComponent(body.dataset), 'variables=' + encodeURIComponent(body.variables.join(','))];
    if (body.geography.locality) { p.push('locality=' + encodeURIComponent(body.geography.locality)); }
    else { p.push('level=' + encodeURIComponent(body.geography.level)); }
    if (body.measure) { p.push('measure=' + encodeURIComponent(body.measure), 'magnitude=' + encodeURIComponent(body.magnitude)); }
    p.push('format=csv');
    return '/tabulate?' + p.join('&');
  }

  function showError(json, status) {
    var box = $('table-error');
    box.innerHTML = '';
    var h = document.createElement('p'); h.className = 'error-title';
    h.textContent = status === 422 ? 'This table cannot be released.' : 'This table cannot be built.';
    box.appendChild(h);
    [['Why', json.error], ['Rule', json.rule], ['What to change', json.advice]].forEach(function (x) {
      if (x[1]) { var p = document.createElement('p'); p.textContent = x[0] + ': ' + x[1]; box.appendChild(p); }
    });
    box.hidden = false;
    $('table-status').textContent = '';
  }

  function categoryLabel(v, code) {
    var cat = v.categories.filter(function (x) { return x.code === code; })[0];
    return cat ? cat.label : code;
  }

  // One cell's figure, or the withheld mark with the number of its reason.
  function fillCell(td, c, measure, mark) {
    var v = measure === 'count' ? c.count : c.value;
    var n = mark(c);
    td.className = 'num';
    if (v === null || v === undefined) {
      td.className = 'num withheld-cell';
      td.textContent = '\u2715 withheld';
      if (n) { var sup = document.createElement('sup'); sup.textContent = '[' + n + ']'; td.appendChild(sup); }
    } else {
      td.textContent = (typeof v === 'number' && measure !== 'count') ? v.toLocaleString('en-GB', { maximumFractionDigits: 1 }) : String(v);
    }
  }

  function draw(res) {
    var out = $('table-output'); out.innerHTML = '';
    var notes = $('table-notes'); notes.innerHTML = '';
    var ruleText = {}; (res.rules || []).forEach(function (r) { ruleText[r.rule] = r.description; });
    var used = [];  // rules behind withheld cells, numbered in order of first use
    var blockedAreas = {}; (res.blocked || []).forEach(function (b) { blockedAreas[b.area] = true; });
    // One public flag for every withheld value: a blocked area's cells are the sparsity rule's, any
    // other withheld value the magnitude rules' (which cell is primary is never told).
    function mark(c) {
      if ((c.flags || []).indexOf('withheld') < 0) { return 0; }
      var rule = blockedAreas[c.area] ? 'sparsity' : 'magnitude-suppression';
      if (used.indexOf(rule) < 0) { used.push(rule); }
      return used.indexOf(rule) + 1;
    }
    function listTable(vars, cells, cap, measureLabel) {
      var t = document.createElement('table'); t.className = 'data'; t.appendChild(cap);
      var head = t.createTHead().insertRow();
      vars.forEach(function (v) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = v.label; head.appendChild(th); });
      var thv = document.createElement('th'); thv.scope = 'col'; thv.className = 'num'; thv.textContent = measureLabel; head.appendChild(thv);
      var body = t.createTBody();
      cells.forEach(function (c) {
        var tr = body.insertRow();
        c.categories.forEach(function (code, i) { tr.insertCell().textContent = categoryLabel(vars[i], code); });
        fillCell(tr.insertCell(), c, res.measure, mark);
        if (c.total) { tr.className = 'total'; }
      });
      return t;
    }
    // Two variables: the first down the side, the second across the top.
    function crossTable(vars, cells, cap) {
      var t = document.createElement('table'); t.className = 'data cross'; t.appendChild(cap);
      var byKey = {}; cells.forEach(function (c) { byKey[c.categories[0] + '\u0000' + c.categories[1]] = c; });
      var head = t.createTHead().insertRow();
      var corner = document.createElement('th'); corner.scope = 'col'; corner.textContent = vars[0].label + ' / ' + vars[1].label; head.appendChild(corner);
      vars[1].categories.forEach(function (c2) { var th = document.createElement('th'); th.scope = 'col'; th.className = 'num'; th.textContent = c2.label; head.appendChild(th); });
      var body = t.createTBody();
      vars[0].categories.forEach(function (c1) {
        var tr = body.insertRow();
        if (c1.code === '_T') { tr.className = 'total'; }
        var th = document.createElement('th'); th.scope = 'row'; th.textContent = c1.label; tr.appendChild(th);
        vars[1].categories.forEach(function (c2) {
          var c = byKey[c1.code + '\u0000' + c2.code];
          var td = tr.insertCell();
          if (c) { fillCell(td, c, res.measure, mark); } else { td.textContent = ''; }
        });
      });
      return t;
    }
    var blocked = {}; (res.blocked || []).forEach(function (b) { blocked[b.area] = b; });
    var vars = res.variables;
    var byArea = {};
    res.cells.forEach(function (c) { (byArea[c.area] = byArea[c.area] || []).push(c); });
    var measureLabel = res.measure === 'count' ? 'Count' : (res.measure === 'sum' ? 'Sum' : 'Mean');
    res.areas.forEach(function (a) {
      var sec = document.createElement('section');
      var h = document.createElement('h2'); h.textContent = a.name + ' (' + a.code + ')'; sec.appendChild(h);
      if (blocked[a.code]) {
        var p = document.createElement('p'); p.className = 'withheld';
        var advice = blocked[a.code].advice || '';
        p.textContent = '\u2715 Withheld: ' + blocked[a.code].reason + '. ' + advice.charAt(0).toUpperCase() + advice.slice(1) + '.';
        sec.appendChild(p);
      }
      var cap = document.createElement('caption');
      cap.textContent = res.title + ': ' + vars.map(function (v) { return v.label; }).join(' by ') + ', ' + a.name
        + (res.measure === 'count' ? '' : ' (' + measureLabel.toLowerCase() + ')');
      var t = vars.length === 2 ? crossTable(vars, byArea[a.code] || [], cap) : listTable(vars, byArea[a.code] || [], cap, measureLabel);
      sec.appendChild(t);
      out.appendChild(sec);
    });
    if (used.length) {
      var h = document.createElement('h2'); h.id = 'why-withheld'; h.textContent = 'Why cells are withheld'; notes.appendChild(h);
      var ol = document.createElement('ol'); ol.className = 'reasons';
      used.forEach(function (rule) {
        var li = document.createElement('li'); li.textContent = (ruleText[rule] || rule) + ' (rule: ' + rule + ').'; ol.appendChild(li);
      });
      notes.appendChild(ol);
    }
    if (res.notes && res.notes.length) {
      var ul = document.createElement('ul'); ul.className = 'notes';
      res.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; ul.appendChild(li); });
      notes.appendChild(ul);
    }
  }

  $('table-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var body = request();
    $('table-error').hidden = true;
    $('table-output').innerHTML = ''; $('table-notes').innerHTML = '';
    $('table-status').textContent = 'Building the table...';
    fetch('/tabulate', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, json: j }; }); })
      .then(function (r) {
        if (r.status !== 200) { showError(r.json, r.status); $('download-csv').hidden = true; return; }
        draw(r.json);
        $('download-csv').href = csvUrl(body);
        $('download-csv').hidden = false;
        var withheld = (r.json.blocked || []).length;
        $('table-status').textContent = 'Table built for ' + r.json.areas.length + ' areas' + (withheld ? '; ' + withheld + ' withheld (see the reasons).' : '.');
      })
      .catch(function (err) { showError({ error: String(err) }, 0); });
  });

  // Area profiles of a saved locality: one link per profile the server offers.
  function showProfiles(slug, name) {
    var box = $('locality-profiles');
    if (!box) { return; }
    fetch('/profiles').then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      box.innerHTML = '';
      if (!list.length) { return; }
      var p = document.createElement('p'); p.textContent = 'Profiles of ' + name + ':'; box.appendChild(p);
      var ul = document.createElement('ul');
      list.forEach(function (prof) {
        var li = document.createElement('li'), a = document.createElement('a');
        a.href = prof.localities.replace('{id}', encodeURIComponent(slug)); a.textContent = prof.title;
        li.appendChild(a); ul.appendChild(li);
      });
      box.appendChild(ul);
    }).catch(function () {});
  }

  $('save-locality').addEventListener('click', function () {
    var zones = Array.prototype.map.call(document.querySelectorAll('.dz:checked'), function (c) { return c.value; });
    var name = $('locality-name').value.trim();
    var st = $('locality-status');
    fetch('/localities', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: name, dataZones: zones }) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, json: j }; }); })
      .then(function (r) {
        if (r.status !== 201) { st.textContent = 'Not saved: ' + (r.json.error || r.status) + (r.json.advice ? ' ' + r.json.advice : ''); return; }
        st.textContent = 'Saved "' + r.json.name + '" with ' + r.json.dataZones.length + ' data zones.'
          + (r.json.ownerToken ? ' To delete it later, keep its owner token (shown only now): ' + r.json.ownerToken : '');
        showProfiles(r.json.slug, r.json.name);
        return loadLocalities(r.json);
      });
  });

  // The running population of the data zones ticked for a new locality: only what the table
  // service releases, a disclosure-controlled total of the chosen records (asked as a table with
  // no variables), or "fewer than the minimum" while the service refuses the area.
  var populationAsked = 0, populationTimer = null;
  function populationText() {
    var out = $('locality-population');
    if (!out) { return; }
    var zones = Array.prototype.map.call(document.querySelectorAll('.dz:checked'), function (c) { return c.value; });
    var d = current();
    var unit = d ? d.unit : 'records';
    var min = Number($('locality-builder').getAttribute('data-min-population'));
    var minText = 'a locality must hold at least ' + min.toLocaleString('en-GB') + ' ' + unit + ' (the minimum set by the table service)';
    var asked = ++populationAsked;
    out.removeAttribute('data-population');
    if (!zones.length) { out.textContent = 'No data zones chosen yet; ' + minText + '.'; out.setAttribute('data-state', 'none'); return; }
    if (!d) { out.textContent = zones.length + ' data zones chosen; ' + minText + '.'; return; }
    var chosenText = zones.length + ' data zone' + (zones.length === 1 ? '' : 's') + ' chosen';
    out.textContent = chosenText + '; counting...';
    out.setAttribute('data-state', 'asking');
    fetch('/tabulate', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ dataset: d.name, variables: [], geography: { dataZones: zones, name: 'Chosen data zones' } }) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, json: j }; }); })
      .then(function (r) {
        if (asked !== populationAsked) { return; }
        if (r.status === 200) {
          var cell = r.json.cells.filter(function (c) { return c.count !== null && c.count !== undefined; })[0];
          if (!cell) { out.textContent = chosenText + '; the table service released no total for them.'; out.setAttribute('data-state', 'withheld'); return; }
          out.textContent = chosenText + ': ' + cell.count.toLocaleString('en-GB') + ' ' + unit
            + ' (a disclosure-controlled count from the table service); ' + minText + '.';
          out.setAttribute('data-population', String(cell.count));
          out.setAttribute('data-state', 'released');
        } else if (r.status === 422 && r.json.rule === 'min-custom-population') {
          out.textContent = chosenText + ': fewer than the minimum of ' + min.toLocaleString('en-GB') + ' ' + unit
            + ', so no figure is released and the locality cannot be used yet: add data zones.';
          out.setAttribute('data-state', 'below-minimum');
        } else {
          out.textContent = chosenText + '; the table service gave no total: ' + (r.json.error || r.status) + '.';
          out.setAttribute('data-state', 'error');
        }
      })
      .catch(function (err) { if (asked === populationAsked) { out.textContent = chosenText + '; the table service did not answer (' + err + ').'; } });
  }
  function populationLater() {
    // Any figure shown is for the old selection now: withdraw it at once, then ask once the clicks settle.
    var out = $('locality-population');
    if (out) { out.removeAttribute('data-population'); out.setAttribute('data-state', 'asking'); populationAsked++; }
    clearTimeout(populationTimer);
    populationTimer = setTimeout(populationText, 250);
  }
  document.querySelectorAll('.dz').forEach(function (c) { c.addEventListener('change', populationLater); });

  $('dataset').addEventListener('change', showDataset);
  $('dataset').addEventListener('change', populationLater);
  $('measure').addEventListener('change', showMeasure);
  $('where-level').addEventListener('change', showWhere);
  $('where-locality').addEventListener('change', showWhere);
  fetch('/tabulate/datasets').then(function (r) { return r.json(); }).then(function (list) {
    datasets = list;
    if (!list.length) {
      showError({ error: 'no person or business records are loaded for custom tables on this server',
                  advice: 'a publisher loads them with the ingest-microdata command' }, 0);
      $('build-table').disabled = true;
      document.body.setAttribute('data-ready', 'true');
      return;
    }
    list.forEach(function (d) { option($('dataset'), d.name, d.title); });
    var persons = list.filter(function (d) { return d.name === 'persons'; })[0];
    if (persons) { $('dataset').value = 'persons'; }
    showDataset();
    populationText();
    document.body.setAttribute('data-ready', 'true');
  }).catch(function (err) { showError({ error: 'the table service did not answer (' + err + ')' }, 0); });
  loadLocalities();
})();
