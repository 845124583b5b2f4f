// netiso rules view: reads the rules embedded in the page (rulesview.Data), indexes them once, and
// shows one service's neighbourhood at a time. Plain DOM, no library; text is only ever set through
// textContent, never parsed as HTML.
(function () {
  'use strict';
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById('rules-data').textContent);
  var tParsed = performance.now();

  var PUBLIC = 1, ADDED = 2, REMOVED = 4;
  var OPENED = 1, CLOSED = 2;
  var ANYWHERE = -1;
  var N = D.names.length;
  var MAX_ROWS = 300, MAX_PICTURE = 18, MAX_RESULTS = 200;

  // --- index ------------------------------------------------------------------------------------
  var members = D.types.map(function () { return []; });
  var i, j, k;
  for (i = 0; i < N; i++) if (D.type[i] >= 0 && !(D.flags[i] & REMOVED)) members[D.type[i]].push(i);
  var typeVia = D.types.map(function (t) { var v = D.vias.indexOf('callsTypes ' + t); if (v < 0) { v = D.vias.length; D.vias.push('callsTypes ' + t); } return v; });

  var cap = 0;
  for (i = 0; i < N; i++) {
    cap += D.calls[i].length + D.extra[i].length;
    for (k = 0; k < D.callsTypes[i].length; k++) cap += members[D.callsTypes[i][k]].length;
  }
  if (D.diff) cap += D.diff.closed.length;
  var eFrom = new Int32Array(cap), eTo = new Int32Array(cap), eVia = new Int32Array(cap), eState = new Uint8Array(cap);
  var m = 0;
  var mark = new Int32Array(N).fill(-1);
  for (i = 0; i < N; i++) {
    var c = D.calls[i];
    for (k = 0; k < c.length; k++) { mark[c[k]] = i; eFrom[m] = i; eTo[m] = c[k]; eVia[m] = 0; m++; }
    var ts = D.callsTypes[i];
    for (k = 0; k < ts.length; k++) {
      var ms = members[ts[k]], v = typeVia[ts[k]];
      for (j = 0; j < ms.length; j++) if (mark[ms[j]] !== i) { eFrom[m] = i; eTo[m] = ms[j]; eVia[m] = v; m++; }
    }
    var x = D.extra[i];
    for (k = 0; k < x.length; k++) { eFrom[m] = i; eTo[m] = x[k][0]; eVia[m] = x[k][1]; m++; }
  }
  var links = m; // the new rules' links, anywhere excluded
  var madePublic = new Uint8Array(N), unPublic = new Uint8Array(N);
  if (D.diff) {
    var opened = new Map();
    D.diff.opened.forEach(function (l) { if (l[0] === ANYWHERE) madePublic[l[1]] = 1; else opened.set(l[0] * N + l[1], 1); });
    if (opened.size) for (k = 0; k < m; k++) if (opened.has(eFrom[k] * N + eTo[k])) eState[k] = OPENED;
    D.diff.closed.forEach(function (l) {
      if (l[0] === ANYWHERE) { unPublic[l[1]] = 1; return; }
      eFrom[m] = l[0]; eTo[m] = l[1]; eVia[m] = l[2]; eState[m] = CLOSED; m++;
    });
  }
  // Compressed adjacency, both ways: edges of service i are ids[start[i] .. start[i+1]).
  function adjacency(key) {
    var start = new Int32Array(N + 1), ids = new Int32Array(m), fill;
    for (k = 0; k < m; k++) start[key[k] + 1]++;
    for (i = 0; i < N; i++) start[i + 1] += start[i];
    fill = start.slice(0, N);
    for (k = 0; k < m; k++) ids[fill[key[k]]++] = k;
    return { start: start, ids: ids };
  }
  var OUT = adjacency(eFrom), IN = adjacency(eTo);
  function degree(adj, s, all) {
    var n = 0;
    for (var p = adj.start[s]; p < adj.start[s + 1]; p++) if (all || eState[adj.ids[p]] !== CLOSED) n++;
    return n;
  }
  var lower = D.names.map(function (s) { return s.toLowerCase(); });
  var byName = new Map();
  D.names.forEach(function (s, n) { byName.set(s, n); });
  var zoneOfNS = new Map();
  D.zones.forEach(function (z, n) { z.namespaces.forEach(function (ns) { zoneOfNS.set(ns, n); }); });
  var tIndexed = performance.now();

  // --- small DOM helpers ------------------------------------------------------------------------
  function h(tag, attrs) {
    var el = document.createElement(tag);
    for (var a in attrs || {}) {
      if (a === 'text') el.textContent = attrs[a];
      else if (a === 'cls') el.className = attrs[a];
      else if (a === 'on') for (var ev in attrs.on) el.addEventListener(ev, attrs.on[ev]);
      else if (attrs[a] !== undefined && attrs[a] !== null) el.setAttribute(a, attrs[a]);
    }
    for (var n = 2; n < arguments.length; n++) add(el, arguments[n]);
    return el;
  }
  function add(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { add(el, c); });
    else el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function s(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    for (var a in attrs) if (a === 'text') el.textContent = attrs[a]; else el.setAttribute(a, attrs[a]);
    return el;
  }
  function fmt(n) { return n.toLocaleString('en'); }
  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : many); }
  function go(n) { location.hash = '#' + encodeURIComponent(D.names[n]); }
  function serviceLink(n) {
    return h('a', { href: '#' + encodeURIComponent(D.names[n]), cls: 'svc' + (D.flags[n] & REMOVED ? ' removed' : ''), 'data-s': D.names[n], text: D.names[n] });
  }
  function nsText(n) { return D.ns[n].length ? D.ns[n].map(function (x) { return D.namespaces[x]; }).join(', ') : 'any'; }
  function zoneText(n) { return D.zone[n] >= 0 ? D.zones[D.zone[n]].name : ''; }
  function badges(n) {
    var out = [];
    if (D.type[n] >= 0) out.push(h('span', { cls: 'badge type', text: D.types[D.type[n]] }));
    if (D.zone[n] >= 0) out.push(h('span', { cls: 'badge zone', text: 'zone ' + D.zones[D.zone[n]].name }));
    if (D.flags[n] & PUBLIC) out.push(h('span', { cls: 'badge public' + (madePublic[n] ? ' opened' : ''), text: madePublic[n] ? 'made public' : 'public' }));
    if (unPublic[n]) out.push(h('span', { cls: 'badge closed', text: 'no longer public' }));
    if (D.external[n].length) out.push(h('span', { cls: 'badge external', text: plural(D.external[n].length, 'external destination', 'external destinations') }));
    if (D.flags[n] & ADDED) out.push(h('span', { cls: 'badge opened', text: 'new service' }));
    if (D.flags[n] & REMOVED) out.push(h('span', { cls: 'badge closed', text: 'removed service' }));
    return out;
  }
  function stateText(st) { return st === OPENED ? 'opened' : st === CLOSED ? 'closed' : ''; }

  // --- search -----------------------------------------------------------------------------------
  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var exact = [], prefix = [], part = [], inside = [];
    for (var n = 0; n < N; n++) {
      var name = lower[n], at = name.indexOf(q);
      if (at < 0) continue;
      if (name === q) exact.push(n);
      else if (at === 0) prefix.push(n);
      else if ('.-_/'.indexOf(name.charAt(at - 1)) >= 0) part.push(n);
      else inside.push(n);
    }
    return exact.concat(prefix, part, inside);
  }

  // --- state ------------------------------------------------------------------------------------
  var state = { tab: 'search', selected: -1, open: null };
  var qEl = document.getElementById('q'), listEl = document.getElementById('list'), mainEl = document.getElementById('main');
  var tabsEl = document.getElementById('tabs');

  // --- sidebar: search results and groups -------------------------------------------------------
  var TABS = [['search', 'Search'], ['namespace', 'Namespaces'], ['zone', 'Zones'], ['type', 'Types']];
  if (D.diff) TABS.push(['changes', 'Changes']);
  function renderTabs() {
    tabsEl.textContent = '';
    TABS.forEach(function (t) {
      tabsEl.appendChild(h('button', { type: 'button', id: 'tab-' + t[0], cls: state.tab === t[0] ? 'on' : '', text: t[1],
        on: { click: function () { state.tab = t[0]; state.open = null; renderSide(); } } }));
    });
  }
  function rows(list, limit, row, container) {
    var shown = Math.min(list.length, limit);
    for (var n = 0; n < shown; n++) container.appendChild(row(list[n]));
    if (list.length > shown) {
      container.appendChild(h('li', { cls: 'more' }, h('button', { type: 'button', text: 'show ' + fmt(list.length - shown) + ' more',
        on: { click: function (e) { e.target.parentNode.remove(); for (var n = shown; n < list.length; n++) container.appendChild(row(list[n])); } } })));
    }
  }
  function serviceItem(n) {
    return h('li', { cls: n === state.selected ? 'sel' : '', 'data-s': D.names[n] }, serviceLink(n), ' ',
      h('span', { cls: 'dim', text: (D.type[n] >= 0 ? D.types[D.type[n]] + ' · ' : '') + degree(IN, n) + ' in · ' + degree(OUT, n) + ' out' }));
  }
  function renderSide() {
    renderTabs();
    listEl.textContent = '';
    if (state.tab === 'search') {
      var q = qEl.value, found = search(q);
      if (!q.trim()) { listEl.appendChild(h('p', { cls: 'dim', text: 'Type part of a name: ' + plural(N, 'service', 'services') + ' to search. Enter opens the first match.' })); return; }
      listEl.appendChild(h('p', { cls: 'dim', id: 'found', text: plural(found.length, 'match', 'matches') }));
      var ul = h('ul', { id: 'results', cls: 'items' });
      listEl.appendChild(ul);
      rows(found, MAX_RESULTS, serviceItem, ul);
    } else if (state.tab === 'changes') {
      renderChanges(listEl);
    } else {
      renderGroups(listEl, state.tab);
    }
  }

  // groups: every namespace, zone or type, with its services and the links from and to them.
  function groupsOf(by) {
    var g = new Map(), key;
    function put(k, n) { if (!g.has(k)) g.set(k, []); g.get(k).push(n); }
    if (by === 'zone') D.zones.forEach(function (z) { g.set(z.name, []); });
    for (var n = 0; n < N; n++) {
      if (by === 'namespace') { if (D.ns[n].length) D.ns[n].forEach(function (x) { put(D.namespaces[x], n); }); else put('(any namespace)', n); }
      else if (by === 'zone') put(D.zone[n] >= 0 ? D.zones[D.zone[n]].name : '(no zone)', n);
      else put(D.type[n] >= 0 ? D.types[D.type[n]] : '(no type)', n);
    }
    var out = [];
    g.forEach(function (list, name) {
      var inSet = new Uint8Array(N); list.forEach(function (n) { inSet[n] = 1; });
      var inside = 0, outward = 0, inward = 0, changed = 0;
      list.forEach(function (n) {
        for (var p = OUT.start[n]; p < OUT.start[n + 1]; p++) {
          var e = OUT.ids[p]; if (eState[e]) changed++;
          if (eState[e] === CLOSED) continue;
          if (inSet[eTo[e]]) inside++; else outward++;
        }
        for (p = IN.start[n]; p < IN.start[n + 1]; p++) {
          e = IN.ids[p]; if (eState[e] && !inSet[eFrom[e]]) changed++;
          if (eState[e] !== CLOSED && !inSet[eFrom[e]]) inward++;
        }
      });
      out.push({ name: name, list: list, inside: inside, outward: outward, inward: inward, changed: changed });
    });
    out.sort(function (a, b) { return (a.name.charAt(0) === '(') - (b.name.charAt(0) === '(') || b.list.length - a.list.length || (a.name < b.name ? -1 : 1); });
    return out;
  }
  var groupCache = {};
  function renderGroups(el, by) {
    var groups = groupCache[by] || (groupCache[by] = groupsOf(by));
    el.appendChild(h('p', { cls: 'dim', text: plural(groups.length, by === 'namespace' ? 'namespace' : by, by === 'namespace' ? 'namespaces' : by + 's') +
      (by === 'zone' ? ': a zone is closed: its members call only members, only members call them' : '') + '. Links within a group, leaving it and entering it.' }));
    var ul = h('ul', { id: 'groups', cls: 'groups' });
    el.appendChild(ul);
    groups.forEach(function (g) {
      var zoneNS = '';
      if (by === 'zone' && g.name.charAt(0) !== '(') {
        var z = D.zones.filter(function (z) { return z.name === g.name; })[0];
        zoneNS = ' · namespaces ' + z.namespaces.map(function (x) { return D.namespaces[x]; }).join(', ');
      }
      var li = h('li', { 'data-group': g.name, cls: by === 'zone' && g.name.charAt(0) !== '(' ? 'zone' : '' },
        h('button', { type: 'button', cls: 'group', on: { click: function () { state.open = state.open === g.name ? null : g.name; renderSide(); } } },
          h('b', { text: g.name }), ' ', h('span', { cls: 'dim', text: plural(g.list.length, 'service', 'services') + zoneNS })),
        h('div', { cls: 'counts' }, fmt(g.inside) + ' within · ' + fmt(g.outward) + ' out · ' + fmt(g.inward) + ' in',
          g.changed ? h('span', { cls: 'changed', text: ' · ' + plural(g.changed, 'link', 'links') + ' changed' }) : null));
      if (state.open === g.name) {
        var sub = h('ul', { cls: 'items' });
        li.appendChild(sub);
        rows(g.list, MAX_ROWS, serviceItem, sub);
      }
      ul.appendChild(li);
    });
  }
  function linkRow(l, st) {
    return h('li', { cls: stateText(st) }, st === OPENED ? '+ ' : '− ',
      l[0] === ANYWHERE ? h('span', { cls: 'dim', text: 'anywhere' }) : serviceLink(l[0]), ' → ', serviceLink(l[1]),
      h('span', { cls: 'dim', text: '  ' + D.vias[l[2]] }));
  }
  function renderChanges(el) {
    el.appendChild(h('p', { cls: 'dim', text: D.diff.summary }));
    el.appendChild(h('h3', { text: 'Links opened (' + fmt(D.diff.opened.length) + ')' }));
    var ul = h('ul', { id: 'opened', cls: 'items links' }); el.appendChild(ul);
    rows(D.diff.opened, MAX_ROWS, function (l) { return linkRow(l, OPENED); }, ul);
    el.appendChild(h('h3', { text: 'Links closed (' + fmt(D.diff.closed.length) + ')' }));
    ul = h('ul', { id: 'closed', cls: 'items links' }); el.appendChild(ul);
    rows(D.diff.closed, MAX_ROWS, function (l) { return linkRow(l, CLOSED); }, ul);
  }

  // --- main: one service, or the overview -------------------------------------------------------
  function neighbours(adj, n, other) {
    var out = [];
    for (var p = adj.start[n]; p < adj.start[n + 1]; p++) { var e = adj.ids[p]; out.push({ n: other[e], via: eVia[e], st: eState[e] }); }
    // changed first, then across a zone boundary, then by name
    var z = D.zone[n];
    out.sort(function (a, b) {
      return (b.st ? 1 : 0) - (a.st ? 1 : 0) || (D.zone[b.n] !== z) - (D.zone[a.n] !== z) || a.n - b.n;
    });
    return out;
  }
  function neighbourTable(id, title, list, n) {
    var sec = h('section', { id: id, cls: 'nb' });
    var filter = h('input', { type: 'search', placeholder: 'filter', 'aria-label': 'filter ' + title });
    var live = list.filter(function (x) { return x.st !== CLOSED; }).length;
    sec.appendChild(h('h3', {}, title + ' (' + fmt(live) + ')', list.length > live ? h('span', { cls: 'closed', text: ' +' + fmt(list.length - live) + ' closed' }) : null, ' ', filter));
    var table = h('table', {}, h('thead', {}, h('tr', {}, ['service', 'by', 'type', 'namespaces', 'zone', ''].map(function (c) { return h('th', { text: c }); }))));
    var body = h('tbody');
    table.appendChild(body);
    sec.appendChild(table);
    function row(x) {
      var cross = D.zone[x.n] !== D.zone[n];
      return h('tr', { 'data-s': D.names[x.n], 'data-via': D.vias[x.via], cls: [stateText(x.st), cross ? 'cross' : ''].join(' ').trim() },
        h('td', {}, serviceLink(x.n)), h('td', { text: D.vias[x.via] }), h('td', { text: D.type[x.n] >= 0 ? D.types[D.type[x.n]] : '' }),
        h('td', { text: nsText(x.n) }), h('td', { cls: cross ? 'boundary' : '', text: zoneText(x.n) + (cross ? ' ⟂' : '') }),
        h('td', {}, stateText(x.st), D.flags[x.n] & PUBLIC ? ' public' : '', D.external[x.n].length ? ' external' : ''));
    }
    function fill() {
      body.textContent = '';
      var f = filter.value.trim().toLowerCase();
      var shown = f ? list.filter(function (x) { return lower[x.n].indexOf(f) >= 0; }) : list;
      if (!shown.length) body.appendChild(h('tr', {}, h('td', { colspan: 6, cls: 'dim', text: list.length ? 'no match' : 'none' })));
      rows(shown, MAX_ROWS, row, body);
    }
    filter.addEventListener('input', fill);
    fill();
    return sec;
  }
  function picture(n, callers, callees) {
    var left = callers.slice(0, MAX_PICTURE), right = callees.slice(0, MAX_PICTURE);
    var rowH = 22, W = 760, boxW = 220, rowsN = Math.max(left.length + (callers.length > left.length), right.length + (callees.length > right.length), 1);
    var H = rowsN * rowH + 30, cy = H / 2;
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, id: 'picture', role: 'img', 'aria-label': D.names[n] + ': its callers and callees' });
    function label(str) { return str.length > 30 ? str.slice(0, 29) + '…' : str; }
    function node(x, y, m, anchor) {
      var g = s('g', { 'data-s': D.names[m], transform: 'translate(' + x + ',' + y + ')' });
      g.setAttribute('class', 'node' + (D.zone[m] >= 0 ? ' inzone' : '') + (D.flags[m] & REMOVED ? ' removed' : ''));
      g.appendChild(s('rect', { x: 0, y: -9, width: boxW, height: 18, rx: 4 }));
      g.appendChild(s('text', { x: anchor === 'end' ? boxW - 6 : 6, y: 4, 'text-anchor': anchor, text: label(D.names[m]) + (D.zone[m] >= 0 ? ' [' + D.zones[D.zone[m]].name + ']' : '') }));
      g.appendChild(s('title', { text: D.names[m] + (D.type[m] >= 0 ? ' · ' + D.types[D.type[m]] : '') + ' · namespaces ' + nsText(m) + (D.zone[m] >= 0 ? ' · zone ' + zoneText(m) : '') }));
      g.addEventListener('click', function () { go(m); });
      svg.appendChild(g);
    }
    function edge(x1, y1, x2, y2, x) {
      var mid = (x1 + x2) / 2;
      svg.appendChild(s('path', { d: 'M' + x1 + ',' + y1 + ' C' + mid + ',' + y1 + ' ' + mid + ',' + y2 + ' ' + x2 + ',' + y2,
        'class': 'edge ' + stateText(x.st) + (x.via !== 0 ? ' bytype' : '') }));
    }
    var cx = (W - boxW) / 2;
    function column(list, total, x, anchor, toCentre) {
      var top = cy - (list.length + (total > list.length)) * rowH / 2 + rowH / 2;
      list.forEach(function (nb, r) {
        var y = top + r * rowH;
        if (toCentre) edge(x + boxW, y, cx, cy, nb); else edge(cx + boxW, cy, x, y, nb);
      });
      list.forEach(function (nb, r) { node(x, top + r * rowH, nb.n, anchor); });
      if (total > list.length) svg.appendChild(s('text', { x: x + (anchor === 'end' ? boxW - 6 : 6), y: top + list.length * rowH + 4, 'text-anchor': anchor, 'class': 'dim', text: '+ ' + fmt(total - list.length) + ' more (below)' }));
    }
    column(left, callers.length, 4, 'end', true);
    column(right, callees.length, W - boxW - 4, 'start', false);
    var g = s('g', { transform: 'translate(' + cx + ',' + cy + ')' });
    g.setAttribute('class', 'node focus' + (D.zone[n] >= 0 ? ' inzone' : ''));
    g.appendChild(s('rect', { x: 0, y: -12, width: boxW, height: 24, rx: 6 }));
    g.appendChild(s('text', { x: boxW / 2, y: 5, 'text-anchor': 'middle', text: label(D.names[n]) }));
    svg.appendChild(g);
    if (!callers.length) svg.appendChild(s('text', { x: 4 + boxW - 6, y: cy + 4, 'text-anchor': 'end', 'class': 'dim', text: D.flags[n] & PUBLIC ? 'anywhere (public)' : 'no caller' }));
    else if (D.flags[n] & PUBLIC) svg.appendChild(s('text', { x: cx + boxW / 2, y: cy - 18, 'text-anchor': 'middle', 'class': 'public', text: 'public: also from anywhere' }));
    if (!callees.length) svg.appendChild(s('text', { x: W - boxW, y: cy + 4, 'class': 'dim', text: 'calls nothing' }));
    return svg;
  }
  function renderService(n) {
    mainEl.textContent = '';
    var callers = neighbours(IN, n, eFrom), callees = neighbours(OUT, n, eTo);
    var zone = D.zone[n] >= 0 ? D.zones[D.zone[n]] : null;
    mainEl.appendChild(h('h2', { id: 'selected', 'data-s': D.names[n] }, D.names[n], ' ', badges(n)));
    var dl = h('dl', { cls: 'facts' });
    function fact(k, v) { if (v) dl.appendChild(h('div', {}, h('dt', { text: k }), h('dd', { text: v }))); }
    fact('type', D.type[n] >= 0 ? D.types[D.type[n]] : '(none)');
    fact('namespaces', D.ns[n].length ? nsText(n) : 'any namespace');
    fact('zone', zone ? zone.name + ' (namespaces ' + zone.namespaces.map(function (x) { return D.namespaces[x]; }).join(', ') + '): calls only members, called only by members' : 'none');
    fact('public', D.flags[n] & PUBLIC ? 'yes: admits ingress from anywhere' : '');
    fact('ports', D.ports[n] || (D.flags[n] & REMOVED ? '' : 'every port'));
    fact('outside the cluster', D.external[n].join('; '));
    mainEl.appendChild(dl);
    mainEl.appendChild(h('div', { cls: 'legend dim' }, 'Callers on the left, callees on the right; click one to go there. ',
      h('span', { cls: 'opened', text: 'opened' }), ' ', h('span', { cls: 'closed', text: 'closed' }), ' · dashed: through a type · ',
      h('span', { cls: 'boundary', text: '⟂ other zone' })));
    mainEl.appendChild(picture(n, callers, callees));
    mainEl.appendChild(h('div', { cls: 'cols' }, neighbourTable('callers', 'Callers', callers, n), neighbourTable('callees', 'Callees', callees, n)));
    document.title = D.names[n] + ' · netiso rules';
  }
  function renderOverview() {
    mainEl.textContent = '';
    mainEl.appendChild(h('h2', { text: 'Overview' }));
    mainEl.appendChild(h('p', { text: 'Search a service on the left, or open a namespace, zone or type. A service shows who calls it and what it reaches, with their types, namespaces and zones.' }));
    function top(adj, title, id) {
      var order = [];
      for (var n = 0; n < N; n++) order.push(n);
      var deg = new Int32Array(N);
      for (n = 0; n < N; n++) deg[n] = degree(adj, n);
      order.sort(function (a, b) { return deg[b] - deg[a] || a - b; });
      var ul = h('ul', { cls: 'items', id: id });
      order.slice(0, 10).forEach(function (n) { ul.appendChild(h('li', {}, serviceLink(n), h('span', { cls: 'dim', text: ' ' + fmt(deg[n]) }))); });
      return h('section', {}, h('h3', { text: title }), ul);
    }
    mainEl.appendChild(h('div', { cls: 'cols' }, top(OUT, 'Calls the most services', 'top-callers'), top(IN, 'Called by the most services', 'top-callees')));
    if (D.zones.length) {
      var ul = h('ul', { cls: 'items' });
      groupCache.zone = groupCache.zone || groupsOf('zone');
      groupCache.zone.forEach(function (g) {
        if (g.name.charAt(0) === '(') return;
        ul.appendChild(h('li', {}, h('b', { text: g.name }), ' ', plural(g.list.length, 'member', 'members') + ', ' + plural(g.inside, 'link', 'links') + ' within, ' +
          fmt(g.outward) + ' leaving, ' + fmt(g.inward) + ' entering'));
      });
      mainEl.appendChild(h('section', {}, h('h3', { text: 'Zones' }), ul));
    }
    document.title = 'netiso rules ' + D.version;
  }
  function select(n) {
    state.selected = n;
    if (n < 0) renderOverview(); else renderService(n);
    var items = listEl.querySelectorAll('li[data-s]');
    for (var k = 0; k < items.length; k++) items[k].classList.toggle('sel', items[k].getAttribute('data-s') === (n >= 0 ? D.names[n] : ''));
    window.scrollTo(0, 0);
  }
  function fromHash() {
    var name = decodeURIComponent(location.hash.slice(1));
    select(byName.has(name) ? byName.get(name) : -1);
  }

  // --- header and start -------------------------------------------------------------------------
  document.getElementById('stats').textContent = 'rules ' + D.version + ' · ' + plural(N - D.flags.filter(function (f) { return f & REMOVED; }).length, 'service', 'services') + ' · ' +
    plural(links, 'link', 'links') + ' · ' + plural(D.namespaces.length, 'namespace', 'namespaces') + ' · ' + plural(D.zones.length, 'zone', 'zones');
  if (D.diff) {
    var ch = document.getElementById('change');
    ch.className = D.diff.opens ? 'opens' : 'closes';
    add(ch, [h('b', { text: D.diff.opens ? 'Opens: ' : 'Change: ' }), D.diff.summary,
      D.diff.zones.length ? h('span', { cls: 'closed', text: ' · zones touched: ' + D.diff.zones.join(', ') }) : null, ' ',
      h('button', { type: 'button', id: 'show-changes', text: 'list the changes', on: { click: function () { state.tab = 'changes'; renderSide(); } } })]);
  }
  qEl.addEventListener('input', function () { state.tab = 'search'; renderSide(); });
  qEl.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') { var found = search(qEl.value); if (found.length) go(found[0]); }
  });
  window.addEventListener('hashchange', fromHash);
  if (!location.hash && D.focus) location.replace('#' + encodeURIComponent(D.focus));
  renderSide();
  fromHash();
  var tDone = performance.now();
  window.netisoView = { ready: true, services: N, links: links, parseMs: tParsed - t0, indexMs: tIndexed - tParsed, renderMs: tDone - tIndexed, totalMs: tDone - t0 };
  document.body.setAttribute('data-ready', '1');
})();
