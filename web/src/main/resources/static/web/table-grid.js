// A custom table with its areas as rows: one row per area, one column per combination of the
// crossed variables' categories (totals included), sortable by any column, shown a page at a
// time so that a table of all 6,976 data zones stays quick and small in the browser. The figures
// come as JSON-stat 2.0 from /tabulate (a dense array of values: about 1 MB for the data zones of
// Scotland by sex and age), and only the rows of the page shown are in the document.
// Withheld cells are written "✕ withheld" with a numbered reason, areas the dataset does not
// cover "no data": never told by colour alone.
(function () {
  'use strict';
  // One public flag for every withheld value (JSON-stat's shared status "suppressed"; "withheld" in
  // the CSV): a blocked area's cells are the sparsity rule's, any other withheld value the magnitude
  // rules' (which cell is primary is never told).
  // An area the dataset does not cover: JSON-stat's shared status "not-available" ("no-data" in the CSV).
  function noData(flag) { return flag === 'not-available' || flag === 'no-data'; }

  function ruleOf(flag, blockedArea) {
    if (flag !== 'withheld' && flag !== 'suppressed') { return flag || 'withheld'; }
    return blockedArea ? 'sparsity' : 'magnitude-suppression';
  }

  // One formatter each, made once: toLocaleString builds a new one per call, which dominated
  // drawing a page of a wide table (50 rows x 126 cells).
  var COUNT = new Intl.NumberFormat('en-GB');
  var DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  function shown(v, measure) { return measure === 'count' ? COUNT.format(v) : DECIMAL.format(v); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  /** The JSON-stat dataset as areas, variables (each with codes and labels) and the dense values. */
  function decode(js) {
    var dims = js.id.map(function (id) {
      var d = js.dimension[id], index = d.category.index;
      var codes = Object.keys(index).sort(function (a, b) { return index[a] - index[b]; });
      return { id: id, label: d.label, codes: codes, labels: codes.map(function (c) { return d.category.label[c]; }) };
    });
    var vars = dims.slice(1), per = 1;
    vars.forEach(function (v) { per *= v.codes.length; });
    var ext = js.extension || {};
    return { label: js.label, areas: dims[0], vars: vars, per: per, values: js.value, status: js.status || {},
             measure: ext.measure, rules: ext.rules || [], blocked: ext.blocked || [], notes: js.note || [] };
  }

  /** The columns: every combination of categories, the last variable varying fastest (as the values are laid out). */
  function columns(t) {
    var out = [];
    for (var j = 0; j < t.per; j++) {
      var rest = j, parts = [];
      for (var i = t.vars.length - 1; i >= 0; i--) {
        var n = t.vars[i].codes.length;
        parts.unshift(rest % n); rest = Math.floor(rest / n);
      }
      out.push(parts);
    }
    return out;
  }

  function columnLabel(t, parts) {
    if (!parts.length) { return t.measure === 'count' ? 'Count' : 'Value'; }
    return parts.map(function (p, i) { return t.vars[i].labels[p]; }).join(', ');
  }

  /**
   * Draws table {@code t} (decoded) into {@code box} with a pager and sorting; {@code notes} gets
   * the numbered reasons for withheld cells. Returns nothing; marks 'cairn-table-interactive'
   * (performance) two frames after the first page is drawn.
   */
  function grid(t, box, notes, caption) {
    var cols = columns(t);
    var areaCount = t.areas.codes.length;
    var used = [];           // rules behind withheld cells, numbered in order of first use
    var ruleText = {};
    t.rules.forEach(function (r) { ruleText[r.rule] = r.description; });
    var blocked = {};
    t.blocked.forEach(function (b) { blocked[b.area] = b; });
    var state = { sortCol: -1, descending: false, page: 0, size: 50, filter: '' };
    var order = null;        // area indexes in display order (after sorting and filtering)

    function number(i) { return t.status[i] === undefined ? t.values[i] : null; }
    function mark(rule) {
      if (used.indexOf(rule) < 0) { used.push(rule); }
      return used.indexOf(rule) + 1;
    }
    function fillCell(td, i, blockedArea) {
      var flag = t.status[i], v = t.values[i];
      td.className = 'num';
      if (noData(flag)) { td.className = 'num no-data-cell'; td.textContent = 'no data'; return; }
      if (v === null || v === undefined) {
        td.className = 'num withheld-cell';
        td.textContent = '\u2715 withheld';
        var sup = el('sup', '[' + mark(ruleOf(flag, blockedArea)) + ']'); td.appendChild(sup);
        return;
      }
      td.textContent = shown(v, t.measure);
    }

    function sortOrder() {
      var filter = state.filter.trim().toLowerCase();
      var idx = [];
      for (var a = 0; a < areaCount; a++) {
        if (!filter || t.areas.labels[a].toLowerCase().indexOf(filter) >= 0 || t.areas.codes[a].toLowerCase().indexOf(filter) >= 0) { idx.push(a); }
      }
      var dir = state.descending ? -1 : 1;
      if (state.sortCol < 0) {
        idx.sort(function (x, y) {
          var p = t.areas.labels[x], q = t.areas.labels[y];
          return dir * (p < q ? -1 : p > q ? 1 : t.areas.codes[x] < t.areas.codes[y] ? -1 : 1);
        });
      } else {
        // The column's figures read once (withheld and no data as NaN), then the areas sorted by them.
        var c = state.sortCol, key = new Float64Array(areaCount);
        for (var k = 0; k < areaCount; k++) { var v = number(k * t.per + c); key[k] = v === null || v === undefined ? NaN : v; }
        idx.sort(function (x, y) {
          var p = key[x], q = key[y];
          if (p !== p || q !== q) { return (p !== p) === (q !== q) ? x - y : p !== p ? 1 : -1; }  // withheld and no data last, either way
          return p === q ? x - y : dir * (p - q);
        });
      }
      order = idx;
    }

    var table = el('table', null, 'data areas-grid');
    var cap = el('caption', caption); table.appendChild(cap);
    var thead = table.createTHead();
    var sortButtons = [];
    function sortButton(th, col, text) {
      var b = el('button', text, 'sort');
      b.type = 'button';
      b.setAttribute('data-col', String(col));
      b.addEventListener('click', function () {
        if (state.sortCol === col) { state.descending = !state.descending; } else { state.sortCol = col; state.descending = col >= 0; }
        state.page = 0; sortOrder(); drawBody(); showSort();
      });
      th.appendChild(b); sortButtons.push([th, col, b]);
    }
    function showSort() {
      sortButtons.forEach(function (s) {
        var on = s[1] === state.sortCol;
        s[0].setAttribute('aria-sort', on ? (state.descending ? 'descending' : 'ascending') : 'none');
        s[2].setAttribute('data-sorted', on ? (state.descending ? 'descending' : 'ascending') : '');
      });
    }
    // Header rows: one per variable, each category spanning the columns of the variables after it.
    var depth = Math.max(1, t.vars.length);
    for (var level = 0; level < depth; level++) {
      var tr = thead.insertRow();
      if (level === 0) {
        var areaTh = el('th'); areaTh.scope = 'col'; areaTh.rowSpan = depth;
        sortButton(areaTh, -1, 'Area');
        tr.appendChild(areaTh);
      }
      if (!t.vars.length) {
        var only = el('th', null, 'num'); only.scope = 'col'; sortButton(only, 0, columnLabel(t, [])); tr.appendChild(only);
        continue;
      }
      var span = 1;
      for (var k = level + 1; k < t.vars.length; k++) { span *= t.vars[k].codes.length; }
      for (var j = 0; j < t.per; j += span) {
        var parts = cols[j];
        var th = el('th', null, 'num');
        th.scope = span > 1 ? 'colgroup' : 'col';
        th.colSpan = span;
        var text = t.vars[level].labels[parts[level]];
        if (level === depth - 1) { sortButton(th, j, text); th.setAttribute('title', columnLabel(t, parts)); } else { th.textContent = text; }
        if (t.vars[level].codes[parts[level]] === '_T') { th.className += ' total'; }
        tr.appendChild(th);
      }
    }
    var tbody = table.createTBody();

    function drawBody() {
      var start = state.page * state.size, end = Math.min(order.length, start + state.size);
      var frag = document.createDocumentFragment();
      for (var r = start; r < end; r++) {
        var a = order[r], code = t.areas.codes[a];
        var tr = document.createElement('tr');
        tr.setAttribute('data-area', code);
        var th = el('th'); th.scope = 'row';
        if (/^S\d{8}$/.test(code)) {
          var link = el('a', t.areas.labels[a]); link.href = '/areas/' + code; th.appendChild(link);
          th.appendChild(document.createTextNode(' '));
          th.appendChild(el('span', code, 'code'));
        } else { th.textContent = t.areas.labels[a]; }
        if (blocked[code]) { th.appendChild(el('span', ' \u2715 withheld [' + mark('sparsity') + ']', 'withheld-area')); }
        tr.appendChild(th);
        for (var c = 0; c < t.per; c++) { fillCell(tr.insertCell(), a * t.per + c, !!blocked[code]); }
        frag.appendChild(tr);
      }
      tbody.textContent = '';
      tbody.appendChild(frag);
      var pages = Math.max(1, Math.ceil(order.length / state.size));
      status.textContent = order.length ? 'Rows ' + (start + 1).toLocaleString('en-GB') + ' to ' + end.toLocaleString('en-GB') + ' of '
        + order.length.toLocaleString('en-GB') + ' areas (page ' + (state.page + 1) + ' of ' + pages + ')' : 'No area matches.';
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      pageInput.max = String(pages);
      pageInput.value = String(state.page + 1);
      drawReasons();
    }

    function drawReasons() {
      notes.textContent = '';
      if (t.blocked.length) {
        var b = t.blocked[0];
        var advice = b.advice || '';
        notes.appendChild(el('p', '\u2715 Withheld: ' + t.blocked.length + ' area' + (t.blocked.length === 1 ? '' : 's') + ' (for example '
          + b.area + '): ' + b.reason + '. ' + advice.charAt(0).toUpperCase() + advice.slice(1) + '.', 'withheld'));
      }
      if (used.length) {
        notes.appendChild(el('h2', 'Why cells are withheld')).id = 'why-withheld';
        var ol = el('ol', null, 'reasons');
        used.forEach(function (rule) {
          ol.appendChild(el('li', rule === 'no-data' ? 'No data' : (ruleText[rule] || rule) + ' (rule: ' + rule + ').'));
        });
        notes.appendChild(ol);
      }
      if (t.notes.length) {
        var ul = el('ul', null, 'notes');
        t.notes.forEach(function (n) { ul.appendChild(el('li', n)); });
        notes.appendChild(ul);
      }
    }

    // The pager and the area filter, above the table.
    var controls = el('div', null, 'grid-controls');
    var findLabel = el('label', 'Find an area'); findLabel.htmlFor = 'grid-find';
    var find = el('input'); find.type = 'search'; find.id = 'grid-find';
    var sizeLabel = el('label', 'Rows per page'); sizeLabel.htmlFor = 'grid-size';
    var size = el('select'); size.id = 'grid-size';
    [25, 50, 100, 250].forEach(function (n) { var o = el('option', String(n)); o.value = String(n); if (n === 50) { o.selected = true; } size.appendChild(o); });
    var prev = el('button', 'Previous page'); prev.type = 'button'; prev.id = 'grid-prev';
    var next = el('button', 'Next page'); next.type = 'button'; next.id = 'grid-next';
    var pageLabel = el('label', 'Page'); pageLabel.htmlFor = 'grid-page';
    var pageInput = el('input'); pageInput.type = 'number'; pageInput.id = 'grid-page'; pageInput.min = '1'; pageInput.size = 5;
    var status = el('p'); status.id = 'grid-status'; status.setAttribute('role', 'status'); status.setAttribute('aria-live', 'polite');
    [[findLabel, find], [sizeLabel, size], [pageLabel, pageInput]].forEach(function (pair) {
      var f = el('div', null, 'field'); f.appendChild(pair[0]); f.appendChild(pair[1]); controls.appendChild(f);
    });
    var buttons = el('div', null, 'field'); buttons.appendChild(prev); buttons.appendChild(next); controls.appendChild(buttons);
    var timer = null;
    find.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.filter = find.value; state.page = 0; sortOrder(); drawBody(); }, 150);
    });
    size.addEventListener('change', function () { state.size = Number(size.value); state.page = 0; drawBody(); });
    prev.addEventListener('click', function () { if (state.page > 0) { state.page--; drawBody(); } });
    next.addEventListener('click', function () { state.page++; drawBody(); });
    pageInput.addEventListener('change', function () {
      var p = Math.round(Number(pageInput.value)) - 1, pages = Math.max(1, Math.ceil(order.length / state.size));
      state.page = isNaN(p) ? 0 : Math.min(pages - 1, Math.max(0, p)); drawBody();
    });

    var scroller = el('div', null, 'grid-scroll');
    scroller.tabIndex = 0;
    scroller.setAttribute('role', 'region');
    scroller.setAttribute('aria-label', caption + ' (scrolls sideways)');
    scroller.appendChild(table);
    box.textContent = '';
    box.appendChild(controls);
    box.appendChild(status);
    box.appendChild(scroller);
    sortOrder();
    drawBody();
    showSort();
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      performance.mark('cairn-table-interactive');
      box.setAttribute('data-interactive', 'true');
    }); });
  }

  /**
   * One area's table, as a cross table: the last variable across the top, the combinations of
   * the others down the side (a list for one variable). For a locality or a single area.
   */
  function single(t, box, notes, caption) {
    var used = [], ruleText = {};
    t.rules.forEach(function (r) { ruleText[r.rule] = r.description; });
    box.textContent = '';
    var sec = el('section');
    sec.appendChild(el('h2', t.areas.labels[0] + (/^S\d{8}$/.test(t.areas.codes[0]) ? ' (' + t.areas.codes[0] + ')' : '')));
    if (t.blocked.length) {
      var b = t.blocked[0], advice = b.advice || '';
      sec.appendChild(el('p', '\u2715 Withheld: ' + b.reason + '. ' + advice.charAt(0).toUpperCase() + advice.slice(1) + '.', 'withheld'));
    }
    var table = el('table', null, 'data cross');
    table.appendChild(el('caption', caption));
    var last = t.vars.length ? t.vars[t.vars.length - 1] : null;
    var across = last ? last.codes.length : 1;
    var head = table.createTHead().insertRow();
    var corner = el('th', t.vars.length > 1 ? t.vars.slice(0, -1).map(function (v) { return v.label; }).join(', ') + ' / ' + last.label
      : last ? last.label : 'Area'); corner.scope = 'col'; head.appendChild(corner);
    for (var c = 0; c < across; c++) {
      var th = el('th', last ? last.labels[c] : (t.measure === 'count' ? 'Count' : 'Value'), 'num'); th.scope = 'col'; head.appendChild(th);
    }
    var body = table.createTBody();
    var cols = columns(t);
    for (var j = 0; j < t.per; j += across) {
      var tr = body.insertRow();
      var rowHead = el('th', t.vars.length > 1 ? cols[j].slice(0, -1).map(function (p, i) { return t.vars[i].labels[p]; }).join(', ')
        : t.areas.labels[0]); rowHead.scope = 'row'; tr.appendChild(rowHead);
      if (t.vars.length > 1 && cols[j].slice(0, -1).some(function (p, i) { return t.vars[i].codes[p] === '_T'; })) { tr.className = 'total'; }
      for (var k = 0; k < across; k++) {
        var i = j + k, td = tr.insertCell(), flag = t.status[i], v = t.values[i];
        td.className = 'num';
        if (noData(flag)) { td.className = 'num no-data-cell'; td.textContent = 'no data'; }
        else if (v === null || v === undefined) {
          var rule = ruleOf(flag, t.blocked.length > 0);
          if (used.indexOf(rule) < 0) { used.push(rule); }
          td.className = 'num withheld-cell'; td.textContent = '\u2715 withheld'; td.appendChild(el('sup', '[' + (used.indexOf(rule) + 1) + ']'));
        } else {
          td.textContent = shown(v, t.measure);
        }
      }
    }
    sec.appendChild(table);
    box.appendChild(sec);
    notes.textContent = '';
    if (used.length) {
      notes.appendChild(el('h2', 'Why cells are withheld')).id = 'why-withheld';
      var ol = el('ol', null, 'reasons');
      used.forEach(function (r) { ol.appendChild(el('li', (ruleText[r] || r) + ' (rule: ' + r + ').')); });
      notes.appendChild(ol);
    }
    if (t.notes.length) {
      var ul = el('ul', null, 'notes');
      t.notes.forEach(function (n) { ul.appendChild(el('li', n)); });
      notes.appendChild(ul);
    }
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      performance.mark('cairn-table-interactive');
      box.setAttribute('data-interactive', 'true');
    }); });
  }

  window.cairnTableGrid = { decode: decode, grid: grid, single: single, columnLabel: columnLabel, columns: columns, noData: noData };
})();
