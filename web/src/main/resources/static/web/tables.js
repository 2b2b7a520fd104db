// The table builder: every figure comes from the tabulation service (/tabulate/datasets,
// /tabulate, /localities); this script only asks and draws. The table comes as JSON-stat and is
// drawn by table-grid.js: areas as rows, sortable and a page at a time, or one area's cross
// table. Withheld cells are written as text with a symbol and a numbered reason, areas the
// dataset does not cover as "no data", never shown by colour alone.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var datasets = [];
  var groups = {};  // variable name -> [{label, categories}], formed by the user before the table is asked for
  var LEVEL_NAMES = {
    'data-zones-2011': 'Data zones', 'intermediate-zones-2011': 'Intermediate zones', 'electoral-wards': 'Electoral wards',
    'scottish-parliamentary-constituencies': 'Scottish Parliamentary constituencies',
    'health-and-social-care-partnerships': 'Health and social care partnerships', 'council-areas': 'Council areas',
    'health-boards': 'Health boards', 'countries': 'Scotland'
  };
  var LEVEL_RANK = {
    'data-zones-2011': 1, 'intermediate-zones-2011': 2, 'electoral-wards': 3, 'scottish-parliamentary-constituencies': 4,
    'health-and-social-care-partnerships': 5, 'council-areas': 6, 'health-boards': 7, 'countries': 9
  };

  function option(sel, value, label) {
    var o = document.createElement('option'); o.value = value; o.textContent = label; sel.appendChild(o); return o;
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function current() { return datasets.filter(function (d) { return d.name === $('dataset').value; })[0]; }
  function variable(name) { return current().variables.filter(function (v) { return v.name === name; })[0]; }
  function checkedVars() {
    return Array.prototype.map.call(document.querySelectorAll('.var:checked'), function (c) { return c.value; });
  }

  function showDataset() {
    var d = current();
    groups = {};
    var box = $('variables'); box.innerHTML = '';
    d.variables.forEach(function (v, i) {
      var div = document.createElement('div');
      var cb = document.createElement('input'); cb.type = 'checkbox'; cb.id = 'var-' + v.name; cb.value = v.name; cb.className = 'var';
      if (i === 0) { cb.checked = true; }
      cb.addEventListener('change', drawGroups);
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
    showWithin();
    drawGroups();
  }
  function showMeasure() { $('magnitude-field').hidden = $('measure').value === 'count'; }
  function showWhere() {
    var loc = $('where-locality').checked;
    $('locality-field').hidden = !loc; $('level-field').hidden = loc;
  }
  // "Within" offers only areas larger than the chosen level, and localities only for data zones.
  function showWithin() {
    var rank = LEVEL_RANK[$('level').value] || 0;
    var sel = $('within');
    Array.prototype.forEach.call(sel.querySelectorAll('option[data-rank]'), function (o) {
      o.disabled = Number(o.getAttribute('data-rank')) <= rank || (o.value.indexOf('locality:') === 0 && $('level').value !== 'data-zones-2011');
    });
    if (sel.selectedOptions.length && sel.selectedOptions[0].disabled) { sel.value = ''; }
  }

  // ---- Category groups (e.g. age bands): formed here, counted by the service before disclosure control ----
  function drawGroups() {
    var box = $('groups');
    var open = {};
    box.querySelectorAll('details[open]').forEach(function (d) { open[d.getAttribute('data-variable')] = true; });
    box.textContent = '';
    checkedVars().forEach(function (name) {
      var v = variable(name), codes = Object.keys(v.categories), list = groups[name] || [];
      var d = el('details', null, 'group-builder'); d.id = 'groups-' + name; d.setAttribute('data-variable', name);
      d.open = !!open[name];
      d.appendChild(el('summary', 'Group the categories of ' + v.label + ' (' + (list.length ? list.length + ' group' + (list.length === 1 ? '' : 's')
        : 'each category on its own') + ')'));
      d.appendChild(el('p', 'Choose a range of categories and name the group, e.g. the age bands you need. Once a variable has groups, '
        + 'the table shows the groups instead of its categories; categories in no group are left out. Groups are counted before '
        + 'disclosure control, so each group is protected as one cell.', 'hint'));
      var row = el('div', null, 'inline-form');
      function pick(id, text, chosen) {
        var f = el('div', null, 'field'), l = el('label', text), s = el('select');
        s.id = id; l.htmlFor = id;
        codes.forEach(function (c, i) { var o = option(s, c, v.categories[c]); if (i === chosen) { o.selected = true; } });
        f.appendChild(l); f.appendChild(s); row.appendChild(f); return s;
      }
      var from = pick('group-from-' + name, 'From', 0), to = pick('group-to-' + name, 'To', codes.length - 1);
      var lf = el('div', null, 'field'), ll = el('label', 'Name of the group'), label = el('input');
      label.type = 'text'; label.id = 'group-label-' + name; ll.htmlFor = label.id; lf.appendChild(ll); lf.appendChild(label); row.appendChild(lf);
      var add = el('button', 'Add group'); add.type = 'button'; add.id = 'group-add-' + name;
      row.appendChild(add);
      d.appendChild(row);
      var msg = el('p', null, 'group-message'); msg.setAttribute('role', 'status'); msg.setAttribute('aria-live', 'polite'); d.appendChild(msg);
      add.addEventListener('click', function () {
        var a = codes.indexOf(from.value), b = codes.indexOf(to.value);
        if (a > b) { var t = a; a = b; b = t; }
        var members = codes.slice(a, b + 1);
        var taken = members.filter(function (c) { return list.some(function (g) { return g.categories.indexOf(c) >= 0; }); });
        if (taken.length) { msg.textContent = 'Not added: ' + v.categories[taken[0]] + ' is already in a group.'; return; }
        var name2 = label.value.trim() || (a === b ? v.categories[codes[a]] : v.categories[codes[a]] + ' to ' + v.categories[codes[b]]);
        list.push({ label: name2, categories: members });
        groups[name] = list;
        drawGroups();
        $('groups-' + name).open = true;
        $('group-add-' + name).focus();
        $('groups-' + name).querySelector('.group-message').textContent = 'Added the group "' + name2 + '".';
      });
      if (list.length) {
        var ul = el('ul', null, 'groups-list');
        list.forEach(function (g, gi) {
          var li = el('li', g.label + ': ' + g.categories.map(function (c) { return v.categories[c]; }).join(', ') + ' ');
          var rm = el('button', 'Remove', 'secondary'); rm.type = 'button'; rm.setAttribute('aria-label', 'Remove the group ' + g.label);
          rm.addEventListener('click', function () {
            list.splice(gi, 1);
            if (!list.length) { delete groups[name]; }
            drawGroups();
            $('groups-' + name).open = true;
            $('group-add-' + name).focus();
          });
          li.appendChild(rm); ul.appendChild(li);
        });
        d.appendChild(ul);
      }
      box.appendChild(d);
    });
  }

  // The first page of localities (the list is paged, at most 100 a page), and the one just
  // saved even when it falls on a later page; localities are also offered as "within" for data zones.
  function loadLocalities(saved) {
    return fetch('/localities?size=100').then(function (r) { return r.json(); }).then(function (page) {
      var sel = $('locality'), list = page.localities || [], found = false; sel.innerHTML = '';
      if (!list.length && !saved) { option(sel, '', '(none yet: create one below)'); }
      var group = $('within-localities');
      if (group) { group.innerHTML = ''; }
      list.forEach(function (l) {
        var o = option(sel, l.slug, l.name + ' (' + l.dataZoneCount + ' data zones)');
        if (saved && l.slug === saved.slug) { o.selected = true; found = true; }
        if (group) { option(group, 'locality:' + l.slug, l.name + ' (locality)').setAttribute('data-rank', '8'); }
      });
      if (saved && !found) { option(sel, saved.slug, saved.name + ' (' + saved.dataZones.length + ' data zones)').selected = true; }
      if (group) { group.hidden = !group.children.length; }
      showWithin();
    });
  }

  /** The request for the form's table; a locality as "within" becomes its data zones (fetched). */
  function request() {
    var body = { dataset: $('dataset').value, variables: checkedVars() };
    var m = $('measure').value;
    if (m && m !== 'count') { body.measure = m; body.magnitude = $('magnitude').value; }
    var g = {};
    body.variables.forEach(function (v) { if (groups[v] && groups[v].length) { g[v] = groups[v]; } });
    if (Object.keys(g).length) { body.groups = g; }
    if ($('where-locality').checked) {
      body.geography = { locality: $('locality').value };
      return Promise.resolve(body);
    }
    var within = $('within').value;
    if (within.indexOf('locality:') === 0) {
      return fetch('/localities/' + encodeURIComponent(within.slice(9))).then(function (r) { return r.json(); }).then(function (l) {
        body.geography = { areas: l.dataZones };
        body.withinName = l.name;
        return body;
      });
    }
    body.geography = within ? { level: $('level').value, within: within } : { level: $('level').value };
    return Promise.resolve(body);
  }
  function tableUrl(body, format) {
    var p = ['dataset=' + encodeURIComponent(body.dataset), 'variables=' + encodeURIComponent(body.variables.join(','))];
    var geo = body.geography;
    if (geo.locality) { p.push('locality=' + encodeURIComponent(geo.locality)); }
    else if (geo.areas) { p.push('areas=' + encodeURIComponent(geo.areas.join(','))); }
    else { p.push('level=' + encodeURIComponent(geo.level)); if (geo.within) { p.push('within=' + encodeURIComponent(geo.within)); } }
    if (body.measure) { p.push('measure=' + encodeURIComponent(body.measure), 'magnitude=' + encodeURIComponent(body.magnitude)); }
    Object.keys(body.groups || {}).forEach(function (v) {
      body.groups[v].forEach(function (g) { p.push('group=' + encodeURIComponent(v + ':' + g.label + '=' + g.categories.join('|'))); });
    });
    p.push('format=' + format);
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

  function caption(t, body) {
    var what = t.vars.length ? t.vars.map(function (v) { return v.label; }).join(' by ') : 'Total';
    var where = body.geography.level ? (LEVEL_NAMES[body.geography.level] || body.geography.level)
      + (body.geography.within ? ' in ' + $('within').selectedOptions[0].textContent : '') : body.withinName ? 'Data zones in ' + body.withinName : '';
    return t.label + ': ' + what + (where ? ', ' + where : '');
  }

  $('table-form').addEventListener('submit', function (e) {
    e.preventDefault();
    $('table-error').hidden = true;
    $('table-output').innerHTML = ''; $('table-notes').innerHTML = '';
    $('table-output').removeAttribute('data-interactive');
    $('downloads').hidden = true;
    $('table-status').textContent = 'Building the table...';
    request().then(function (body) {
      var send = {};
      Object.keys(body).forEach(function (k) { if (k !== 'withinName') { send[k] = body[k]; } });
      performance.clearMarks();
      performance.mark('cairn-table-asked');
      return fetch('/tabulate?format=json-stat', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(send) }).then(function (r) {
        performance.mark('cairn-table-answered');
        return r.json().then(function (j) { return { status: r.status, json: j, body: body }; });
      });
    }).then(function (r) {
      if (r.status !== 200) { showError(r.json, r.status); return; }
      var t = cairnTableGrid.decode(r.json);
      var cap = caption(t, r.body);
      if (t.areas.codes.length === 1) { cairnTableGrid.single(t, $('table-output'), $('table-notes'), cap); }
      else { cairnTableGrid.grid(t, $('table-output'), $('table-notes'), cap); }
      $('download-csv').href = tableUrl(r.body, 'csv');
      $('download-json').href = tableUrl(r.body, 'json-stat');
      $('downloads').hidden = false;
      var withheld = t.blocked.length;
      var noData = 0;
      for (var a = 0; a < t.areas.codes.length; a++) { if (cairnTableGrid.noData(t.status[a * t.per])) { noData++; } }
      $('table-status').textContent = 'Table built for ' + t.areas.codes.length.toLocaleString('en-GB') + ' area' + (t.areas.codes.length === 1 ? '' : 's')
        + (withheld ? '; ' + withheld + ' withheld (see the reasons)' : '') + (noData ? '; ' + noData + ' with no data (the dataset does not cover them)' : '') + '.';
    }).catch(function (err) { showError({ error: String(err) }, 0); });
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
  $('level').addEventListener('change', showWithin);
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
