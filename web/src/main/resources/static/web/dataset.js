// A dataset page's behaviour, added to a page that works without it:
//  - the four sections become tabs (Data, Download, API, About; WAI-ARIA tabs: arrow keys move
//    between them, the address keeps the one shown, so a link opens it);
//  - each group of codes gets "All" and "None" buttons, and a long one (91 single years of age)
//    "from ... to ..." pickers that tick a range;
//  - "Within" offers only areas larger than the chosen level, and the saved localities.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  // ---- Tabs ----------------------------------------------------------------------------------
  function tabs(box) {
    var list = box.querySelector('.tab-list');
    var links = Array.prototype.slice.call(list.querySelectorAll('a.tab'));
    var panels = links.map(function (a) { return $(a.getAttribute('href').slice(1)); });
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-label', 'Parts of this dataset page');
    box.querySelector('.tab-nav').removeAttribute('aria-label');
    box.classList.add('tabs-on');
    links.forEach(function (a, i) {
      a.parentNode.setAttribute('role', 'presentation');
      a.setAttribute('role', 'tab');
      a.setAttribute('aria-controls', panels[i].id);
      panels[i].setAttribute('role', 'tabpanel');
      panels[i].setAttribute('aria-labelledby', a.id);
      panels[i].setAttribute('tabindex', '-1');
    });
    function show(i, focus, remember) {
      links.forEach(function (a, j) {
        var on = i === j;
        a.setAttribute('aria-selected', String(on));
        a.setAttribute('tabindex', on ? '0' : '-1');
        panels[j].hidden = !on;
      });
      if (focus) { links[i].focus(); }
      if (remember) { history.replaceState(null, '', location.pathname + location.search + '#' + panels[i].id); }
      box.setAttribute('data-tab', panels[i].id);
      document.dispatchEvent(new CustomEvent('cairn-tab', { detail: panels[i].id }));
    }
    links.forEach(function (a, i) {
      a.addEventListener('click', function (e) { e.preventDefault(); show(i, false, true); });
      a.addEventListener('keydown', function (e) {
        var to = e.key === 'ArrowRight' ? (i + 1) % links.length : e.key === 'ArrowLeft' ? (i + links.length - 1) % links.length
          : e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1 : -1;
        if (to >= 0) { e.preventDefault(); show(to, true, true); }
      });
    });
    // The tab named by the address: a panel's id, or the panel holding the element named (e.g. #map).
    function fromHash() {
      var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
      for (var i = 0; i < panels.length; i++) {
        if (target && (panels[i] === target || panels[i].contains(target))) { return i; }
      }
      return 0;
    }
    show(fromHash(), false, false);
    window.addEventListener('hashchange', function () { show(fromHash(), false, false); });
  }

  // ---- All / None / a range of codes ------------------------------------------------------------
  function codeGroup(fs) {
    var boxes = Array.prototype.slice.call(fs.querySelectorAll('input[type=checkbox]'));
    if (boxes.length < 2) { return; }
    var name = fs.querySelector('legend').textContent.replace(/ \(\d+\)$/, '');
    var bar = el('div', null, 'group-actions');
    [['All', true], ['None', false]].forEach(function (x) {
      var b = el('button', x[0], 'secondary');
      b.type = 'button';
      b.setAttribute('aria-label', (x[1] ? 'Tick every ' : 'Untick every ') + name.toLowerCase());
      b.addEventListener('click', function () { boxes.forEach(function (c) { c.checked = x[1]; }); status.textContent = count(); });
      bar.appendChild(b);
    });
    var status = el('span', null, 'group-count');
    status.setAttribute('aria-live', 'polite');
    function count() {
      var n = boxes.filter(function (c) { return c.checked; }).length;
      return n === 0 ? 'none ticked: all of them are taken' : n + ' of ' + boxes.length + ' ticked';
    }
    if (fs.getAttribute('data-range') === 'true') {
      var id = fs.id;
      function pick(suffix, text, chosen) {
        var f = el('span', null, 'range-field'), l = el('label', text), s = el('select');
        s.id = id + '-' + suffix; l.htmlFor = s.id;
        boxes.forEach(function (c, i) {
          var o = el('option', document.querySelector('label[for="' + c.id + '"]').textContent); o.value = String(i);
          if (i === chosen) { o.selected = true; }
          s.appendChild(o);
        });
        f.appendChild(l); f.appendChild(s); bar.appendChild(f);
        return s;
      }
      var from = pick('from', 'From', 0), to = pick('to', 'to', boxes.length - 1);
      var tick = el('button', 'Tick this range', 'secondary');
      tick.type = 'button'; tick.id = id + '-tick-range';
      tick.addEventListener('click', function () {
        var a = Number(from.value), b = Number(to.value);
        if (a > b) { var t = a; a = b; b = t; }
        boxes.forEach(function (c, i) { if (i >= a && i <= b) { c.checked = true; } });
        status.textContent = count();
      });
      bar.appendChild(tick);
    }
    bar.appendChild(status);
    status.textContent = count();
    boxes.forEach(function (c) { c.addEventListener('change', function () { status.textContent = count(); }); });
    fs.insertBefore(bar, fs.querySelector('.checks'));
  }

  // ---- "Within": larger areas than the level, and saved localities -------------------------------
  function within() {
    var sel = $('within'), level = $('level');
    if (!sel || !level) { return; }
    function update() {
      var opt = level.selectedOptions[0];
      var rank = opt && opt.getAttribute('data-rank') ? Number(opt.getAttribute('data-rank')) : 0;
      sel.disabled = !rank;
      Array.prototype.forEach.call(sel.querySelectorAll('option[data-rank]'), function (o) {
        o.disabled = Number(o.getAttribute('data-rank')) <= rank || (o.value.indexOf('locality:') === 0 && rank !== 1);
      });
      if (sel.selectedOptions.length && sel.selectedOptions[0].disabled) { sel.value = ''; }
    }
    level.addEventListener('change', update);
    var group = $('within-localities');
    fetch('/localities?size=100').then(function (r) { return r.ok ? r.json() : { localities: [] }; }).then(function (page) {
      (page.localities || []).forEach(function (l) {
        var o = el('option', l.name + ' (locality, ' + l.dataZoneCount + ' data zones)');
        o.value = 'locality:' + l.slug; o.setAttribute('data-rank', '8');
        if (group.getAttribute('data-chosen') === o.value) { o.selected = true; }
        group.appendChild(o);
      });
      group.hidden = !group.children.length;
      update();
    }).catch(function () { update(); });
    update();
  }

  document.querySelectorAll('fieldset.code-group').forEach(codeGroup);
  within();
  var box = $('dataset-tabs');
  if (box) { tabs(box); }
})();
