// The page's script: stepping, the state at each step, the stack-and-heap diagram, folding,
// the filter by variable and the quiz. Everything it shows is computed from the trace's JSON
// embedded in the page; it writes program-derived strings with textContent only.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.setAttribute('data-errors', errors.join(' | '));
  });
  var SVG = 'http://www.w3.org/2000/svg';
  var ROW = 24;
  var data = JSON.parse(document.getElementById('trace-json').textContent);
  var rowSrc = JSON.parse(document.getElementById('row-sources').textContent);
  var events = data.events;
  var n = events.length;
  var body = document.querySelector('svg.body');
  var rows = Array.prototype.slice.call(body.querySelectorAll('g.row'));
  var spans = Array.prototype.slice.call(body.querySelectorAll('[data-r1]'));
  var panel = document.getElementById('panel');
  var ask = document.getElementById('ask');
  var stateList = document.getElementById('state');
  var diagram = document.getElementById('diagram');
  var whereEl = document.getElementById('where');
  var quizBox = document.getElementById('quiz');
  var filterBox = document.getElementById('filter');
  var step = n > 0 ? 0 : -1;
  var collapsed = {};
  var quiz = { on: false, answered: {}, right: 0, total: 0, asking: -1 };
  var relaidForQuiz = false;

  function el(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function shortType(t) {
    return t ? t.replace(/\b[a-z_][a-z0-9_]*::/g, '') : '?';
  }
  function hex(a) {
    return '0x' + Number(a).toString(16);
  }
  function baseName(v) {
    var i = v.indexOf('.');
    return i > 0 ? v.slice(0, i) : v;
  }

  // ---- The state after events 0..k: frames with their variables, and heap blocks. ----
  function stateAt(k) {
    var frames = [];
    var blocks = {};
    var blockOrder = [];
    function top() { return frames[frames.length - 1]; }
    function find(name) {
      var f = top();
      if (!f) return null;
      for (var i = f.vars.length - 1; i >= 0; i--) {
        if (f.vars[i].name === name && !f.vars[i].gone) return f.vars[i];
      }
      return null;
    }
    function addBlock(addr, bytes, strong, owned) {
      if (!(addr in blocks)) { blocks[addr] = { addr: addr, bytes: bytes, strong: strong, owned: owned }; blockOrder.push(addr); }
      else {
        if (bytes !== undefined && bytes !== null) blocks[addr].bytes = bytes;
        if (strong !== undefined && strong !== null) blocks[addr].strong = strong;
      }
    }
    for (var i = 0; i <= k && i < n; i++) {
      var e = events[i];
      frames.forEach(function (f) { f.vars = f.vars.filter(function (v) { return !v.gone; }); });
      var h = e.heap || {};
      var v;
      switch (e.kind) {
        case 'fn_enter': frames.push({ name: e.var, vars: [] }); break;
        case 'fn_exit': frames.pop(); break;
        case 'bind':
        case 'assign':
          v = e.kind === 'assign' ? find(e.var) : null;
          if (!v && top()) { v = { name: e.var, borrows: [] }; top().vars.push(v); }
          if (!v) break;
          v.state = 'owner'; v.type = e.type; v.size = e.size; v.addr = e.addr !== undefined ? e.addr : v.addr;
          v.heap = h.addr; v.to = null; v.bind = i;
          if (h.addr !== undefined) {
            // An `Rc` points inside its allocation (past the counts): the block is that one.
            var inside = blockOrder.filter(function (a) { var bl = blocks[a]; return a <= h.addr && h.addr < a + (bl.bytes || 0); })[0];
            if (inside !== undefined) { v.heap = inside; addBlock(inside, null, h.strong, true); }
            else addBlock(h.addr, h.bytes, h.strong, true);
          }
          break;
        case 'move':
        case 'maybe_move':
          v = find(baseName(e.var));
          if (v) {
            v.state = e.kind === 'maybe_move' ? 'maybe-moved' : (e.detail === 'partial move' ? 'partly-moved' : 'moved');
            v.to = e.to || null;
          }
          break;
        case 'borrow':
        case 'borrow_mut':
          v = find(e.of || e.var);
          if (v) v.borrows.push({ by: e.to || '?', mut: e.kind === 'borrow_mut' });
          break;
        case 'borrow_end':
          v = find(e.of || e.var);
          if (v) {
            for (var b = 0; b < v.borrows.length; b++) {
              if (v.borrows[b].by === (e.to || '?')) { v.borrows.splice(b, 1); break; }
            }
          }
          break;
        case 'drop':
          v = find(e.var);
          if (v) {
            // Dropping an `Rc`/`Arc` owner takes one from the shared block's owner count.
            if (v.state === 'owner' && v.heap in blocks && blocks[v.heap].strong) blocks[v.heap].strong--;
            v.state = 'dropped'; v.gone = true;
          }
          break;
        case 'out_of_scope':
          v = find(e.var);
          if (v) { v.state = 'out-of-scope'; v.gone = true; }
          break;
        case 'alloc':
          if (h.addr !== undefined) addBlock(h.addr, h.bytes !== undefined ? h.bytes : e.count, h.strong, false);
          break;
        case 'dealloc':
          if (h.addr !== undefined && h.addr in blocks) { delete blocks[h.addr]; blockOrder.splice(blockOrder.indexOf(h.addr), 1); }
          break;
        case 'realloc':
          var old = /0x([0-9a-f]+)/.exec(e.detail || '');
          var oldAddr = old ? parseInt(old[1], 16) : null;
          if (oldAddr !== null && oldAddr !== h.addr && oldAddr in blocks) {
            delete blocks[oldAddr]; blockOrder.splice(blockOrder.indexOf(oldAddr), 1);
            frames.forEach(function (f) { f.vars.forEach(function (x) { if (x.heap === oldAddr) x.heap = h.addr; }); });
          }
          if (h.addr !== undefined) addBlock(h.addr, h.bytes !== undefined ? h.bytes : e.count, h.strong, false);
          break;
      }
    }
    // Without the heap tracker a block is known only through its owners: it is there while one
    // of them still owns it.
    if (!data.heap_tracker) {
      blockOrder = blockOrder.filter(function (a) {
        var owned = frames.some(function (f) { return f.vars.some(function (x) { return x.heap === a && x.state === 'owner' && !x.gone; }); });
        if (!owned) delete blocks[a];
        return owned;
      });
    }
    return { frames: frames, blocks: blockOrder.map(function (a) { return blocks[a]; }) };
  }

  var STATE_WORDS = {
    'owner': 'owns its value',
    'moved': 'moved away',
    'maybe-moved': 'given away (moved or not: the macro cannot see)',
    'partly-moved': 'partly moved',
    'dropped': 'dropped here',
    'out-of-scope': 'out of scope, nothing to drop'
  };

  function describe(v) {
    var words = STATE_WORDS[v.state] || v.state;
    if (v.to && (v.state === 'moved' || v.state === 'maybe-moved' || v.state === 'partly-moved')) words += ' to ' + v.to;
    var shared = v.borrows.filter(function (b) { return !b.mut; }).map(function (b) { return b.by; });
    var mut = v.borrows.filter(function (b) { return b.mut; }).map(function (b) { return b.by; });
    if (shared.length) words += '; borrowed (shared) by ' + shared.join(', ');
    if (mut.length) words += '; borrowed mutably by ' + mut.join(', ');
    return words;
  }

  function changedNames(e) {
    return [e.var, e.of, e.to, e.from].filter(function (x) { return !!x; });
  }

  function renderState(st, e) {
    stateList.textContent = '';
    var changed = e ? changedNames(e) : [];
    st.frames.forEach(function (f, fi) {
      var head = document.createElement('li');
      head.className = 'frame-name';
      head.textContent = (fi === 0 ? '' : '↳ ') + f.name;
      stateList.appendChild(head);
      if (!f.vars.length) {
        var none = document.createElement('li');
        none.className = 'none';
        none.textContent = '(no variables yet)';
        stateList.appendChild(none);
      }
      f.vars.forEach(function (v) {
        var li = document.createElement('li');
        li.setAttribute('data-frame-index', String(fi));
        li.setAttribute('data-var', v.name);
        li.setAttribute('data-state', v.state);
        li.setAttribute('data-borrows', v.borrows.map(function (b) { return (b.mut ? 'm:' : 's:') + b.by; }).join(' '));
        if (fi === st.frames.length - 1 && changed.indexOf(v.name) >= 0) li.className = 'changed';
        li.textContent = v.name + ': ' + shortType(v.type) + ' — ' + describe(v);
        stateList.appendChild(li);
      });
    });
    if (!st.frames.length) {
      var li = document.createElement('li');
      li.textContent = '(no traced call running)';
      stateList.appendChild(li);
    }
  }

  // ---- The stack-and-heap diagram of a state. ----
  function renderDiagram(st, e) {
    diagram.textContent = '';
    var W = 430, BOXW = 200, HX = 250, VH = 34;
    var y = 4;
    var boxes = [];
    var svg = el('svg', { width: W, 'class': 'stack-heap', role: 'img', 'aria-label': 'stack frames on the left, heap blocks on the right' });
    var defs = el('defs', {});
    var m = el('marker', { id: 'dg-arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
    m.appendChild(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'context-stroke' }));
    defs.appendChild(m);
    svg.appendChild(defs);
    svg.appendChild(el('text', { x: 4, y: 14, 'class': 'caption' }, 'stack (top: outermost call)'));
    svg.appendChild(el('text', { x: HX, y: 14, 'class': 'caption' }, 'heap'));
    y = 22;
    var changed = e ? changedNames(e) : [];
    st.frames.forEach(function (f, fi) {
      var g = el('g', { 'class': 'stackframe', 'data-frame-index': String(fi) });
      var h = 22 + Math.max(1, f.vars.length) * (VH + 4);
      g.appendChild(el('rect', { x: 2, y: y, width: BOXW + 16, height: h, rx: 5 }));
      g.appendChild(el('text', { x: 8, y: y + 15, 'font-weight': 'bold' }, f.name));
      var vy = y + 22;
      f.vars.forEach(function (v) {
        var vg = el('g', { 'class': 'var ' + v.state + (fi === st.frames.length - 1 && changed.indexOf(v.name) >= 0 ? ' changed' : ''), 'data-frame-index': String(fi), 'data-var': v.name, 'data-state': v.state });
        vg.appendChild(el('rect', { x: 10, y: vy, width: BOXW, height: VH, rx: 3 }));
        var mark = { 'owner': '', 'moved': ' (moved)', 'maybe-moved': ' (given away?)', 'partly-moved': ' (partly moved)', 'dropped': ' ✕ dropped', 'out-of-scope': ' ○ gone' }[v.state] || '';
        var label = v.name + ': ' + shortType(v.type) + mark;
        vg.appendChild(el('title', {}, label));
        vg.appendChild(el('text', { x: 16, y: vy + 14 }, label.length > 30 ? label.slice(0, 29) + '…' : label));
        var facts = (v.size !== undefined ? v.size + ' bytes' : 'size not known') + (v.addr !== undefined ? ' at ' + hex(v.addr) : '');
        vg.appendChild(el('text', { x: 16, y: vy + 28, 'class': 'caption' }, facts));
        g.appendChild(vg);
        boxes.push({ v: v, fi: fi, x: 10, y: vy, h: VH });
        vy += VH + 4;
      });
      svg.appendChild(g);
      y += h + 6;
    });
    var hy = 22;
    var blockAt = {};
    st.blocks.forEach(function (b) {
      var g = el('g', { 'class': 'block', 'data-addr': String(b.addr) });
      g.appendChild(el('rect', { x: HX, y: hy, width: W - HX - 4, height: VH, rx: 3 }));
      var rc = b.strong !== undefined && b.strong !== null ? ', Rc owners: ' + b.strong : '';
      if (rc) g.setAttribute('data-strong', String(b.strong));
      g.appendChild(el('text', { x: HX + 6, y: hy + 14 }, (b.bytes !== undefined && b.bytes !== null ? b.bytes + ' bytes' : 'a block') + rc));
      g.appendChild(el('text', { x: HX + 6, y: hy + 28, 'class': 'caption' }, 'at ' + hex(b.addr)));
      svg.appendChild(g);
      blockAt[b.addr] = hy;
      hy += VH + 8;
    });
    // Owners point to their heap blocks; references to what they borrow.
    boxes.forEach(function (bx) {
      var v = bx.v;
      if (v.state === 'owner' && v.heap !== undefined && v.heap in blockAt) {
        var y1 = bx.y + bx.h / 2, y2 = blockAt[v.heap] + VH / 2;
        svg.appendChild(el('path', { 'class': 'owns', 'data-from': v.name, 'data-frame-index': String(bx.fi), 'data-to': String(v.heap), d: 'M' + (bx.x + BOXW) + ' ' + y1 + ' C ' + (HX - 20) + ' ' + y1 + ', ' + (HX - 30) + ' ' + y2 + ', ' + HX + ' ' + y2, 'marker-end': 'url(#dg-arrow)' }));
      }
      v.borrows.forEach(function (b) {
        var holder = boxes.filter(function (o) { return o.fi === bx.fi && o.v.name === b.by && !o.v.gone; })[0];
        if (!holder) return;
        var y1 = holder.y + holder.h / 2, y2 = bx.y + bx.h / 2;
        svg.appendChild(el('path', { 'class': 'refers' + (b.mut ? ' mut' : ''), 'data-from': b.by, 'data-to': v.name, 'data-frame-index': String(bx.fi), d: 'M' + (bx.x + BOXW) + ' ' + y1 + ' C ' + (bx.x + BOXW + 28) + ' ' + y1 + ', ' + (bx.x + BOXW + 28) + ' ' + y2 + ', ' + (bx.x + BOXW) + ' ' + y2, 'marker-end': 'url(#dg-arrow)' }));
      });
    });
    svg.setAttribute('height', String(Math.max(y, hy) + 4));
    diagram.appendChild(svg);
  }

  // ---- The code pane: the current statement highlighted in its function's source. ----
  function renderCode(k) {
    var panes = document.querySelectorAll('#code .src');
    var src = k >= 0 ? rowSrc[k] : -1;
    for (var i = 0; i < panes.length; i++) {
      panes[i].classList.toggle('shown', String(i) === String(src) || (src === -1 && i === 0));
      var now = panes[i].querySelectorAll('.src-line.now');
      for (var j = 0; j < now.length; j++) now[j].classList.remove('now');
    }
    if (k < 0 || src < 0) return;
    var line = panes[src] && panes[src].querySelector('.src-line[data-line="' + events[k].line + '"]');
    if (line) {
      line.classList.add('now');
      if (line.scrollIntoView) line.scrollIntoView({ block: 'nearest' });
    }
  }

  // ---- Layout of the timeline's rows: folded frames and the filter hide rows. ----
  function hiddenRow(i) {
    var r = rows[i];
    var path = (r.getAttribute('data-path') || '').split(' ');
    var kind = r.getAttribute('data-kind');
    for (var f in collapsed) {
      if (collapsed[f] && path.indexOf(f) >= 0 && !(kind === 'fn_enter' && r.getAttribute('data-frame') === f)) return true;
    }
    var only = filterBox.value;
    if (only && kind !== 'fn_enter' && kind !== 'fn_exit') {
      return (r.getAttribute('data-vars') || '').split(' ').indexOf(only) < 0;
    }
    return false;
  }
  function relayout() {
    var idx = [], vis = [], count = 0;
    for (var i = 0; i < rows.length; i++) {
      vis[i] = !hiddenRow(i);
      idx[i] = count;
      if (vis[i]) count++;
      rows[i].classList.toggle('hidden', !vis[i]);
      rows[i].setAttribute('transform', 'translate(0,' + idx[i] * ROW + ')');
    }
    function mid(i) { return idx[i] * ROW + (vis[i] ? ROW / 2 : 0); }
    spans.forEach(function (s) {
      var r1 = +s.getAttribute('data-r1');
      var r2 = s.hasAttribute('data-r2') ? +s.getAttribute('data-r2') : r1;
      var none = true;
      for (var i = r1; i <= r2; i++) if (vis[i]) { none = false; break; }
      // In the quiz, nothing may tell what is to come: spans end at the current step, in
      // their neutral style.
      var pending = quiz.on && r2 > step;
      if (quiz.on && r1 > step && r1 !== quiz.asking) none = true;
      if (pending) r2 = Math.max(r1, step);
      s.classList.toggle('hidden-span', none);
      s.classList.toggle('pending', pending);
      if (s.tagName === 'line') {
        s.setAttribute('y1', mid(r1)); s.setAttribute('y2', mid(r2));
      } else if (s.tagName === 'rect') {
        s.setAttribute('y', idx[r1] * ROW);
        s.setAttribute('height', Math.max(ROW, (idx[r2] + (vis[r2] ? 1 : 0) - idx[r1]) * ROW));
      } else if (s.tagName === 'text') {
        s.setAttribute('y', idx[r1] * ROW + 16);
      }
    });
    var h = count * ROW + 8;
    body.setAttribute('height', String(h));
    body.setAttribute('viewBox', '0 0 ' + body.getAttribute('width') + ' ' + h);
    var heads = document.querySelectorAll('svg.head g.col');
    var dimmed = {};
    for (var c = 0; c < heads.length; c++) {
      var name = heads[c].getAttribute('data-name');
      heads[c].classList.toggle('filtered', !!filterBox.value && name === filterBox.value);
      if (filterBox.value && name !== filterBox.value) dimmed[heads[c].getAttribute('data-col')] = true;
      // In the quiz, a variable's heading shows once it exists.
      var first = +heads[c].getAttribute('data-first');
      heads[c].classList.toggle('future', quiz.on && first > step && first !== quiz.asking);
    }
    spans.forEach(function (s) { s.classList.toggle('dim', !!dimmed[s.getAttribute('data-col')]); });
    document.body.setAttribute('data-visible-rows', String(count));
  }

  // ---- The quiz: predict the next event, then see it. ----
  var ANSWERS = [
    ['moved', 'move'], ['copied', 'copy'], ['cloned', 'clone'], ['borrowed (shared)', 'borrow'],
    ['borrowed (mutable)', 'borrow_mut'], ['dropped', 'drop'], ['nothing dropped: goes out of scope', 'out_of_scope']
  ];
  function answerOf(kind) {
    for (var i = 0; i < ANSWERS.length; i++) if (ANSWERS[i][1] === kind) return i;
    return -1;
  }
  function isQuestion(i) {
    return i >= 0 && i < n && answerOf(events[i].kind) >= 0;
  }
  function showQuestion(i) {
    quiz.asking = i;
    ask.hidden = false;
    ask.textContent = '';
    var e = events[i];
    var q = document.createElement('div');
    q.textContent = 'Line ' + e.line + ': what happens to `' + e.var + '` now? (keys 1–' + ANSWERS.length + ')';
    ask.appendChild(q);
    ANSWERS.forEach(function (a, k) {
      var b = document.createElement('button');
      b.setAttribute('data-answer', String(k + 1));
      b.textContent = (k + 1) + '. ' + a[0];
      b.addEventListener('click', function () { answer(k); });
      ask.appendChild(b);
    });
    ask.appendChild(scoreLine());
    paintRows();
    relayout();
  }
  function scoreLine() {
    var s = document.createElement('div');
    s.id = 'score';
    s.setAttribute('data-right', String(quiz.right));
    s.setAttribute('data-total', String(quiz.total));
    s.textContent = 'Score: ' + quiz.right + ' / ' + quiz.total + (step === n - 1 ? ' (the end)' : '');
    return s;
  }
  function answer(k) {
    var i = quiz.asking;
    if (i < 0) return;
    var right = answerOf(events[i].kind);
    quiz.answered[i] = k;
    quiz.total++;
    if (k === right) quiz.right++;
    quiz.asking = -1;
    go(i);
    ask.hidden = false;
    ask.textContent = '';
    var verdict = document.createElement('div');
    verdict.className = k === right ? 'right' : 'wrong';
    verdict.setAttribute('data-verdict', k === right ? 'right' : 'wrong');
    verdict.textContent = (k === right ? '✓ Right: ' : '✗ Not quite: it was “' + ANSWERS[right][0] + '”. ') + rows[i].querySelector('title').textContent;
    ask.appendChild(verdict);
    ask.appendChild(scoreLine());
  }
  function setQuiz(on) {
    quiz.on = on;
    quizBox.checked = on;
    quiz.asking = -1;
    ask.hidden = !on;
    ask.textContent = '';
    if (on) ask.appendChild(scoreLine());
    document.body.setAttribute('data-quiz', on ? 'on' : 'off');
    paintRows();
    if (rows.length) relayout();
  }

  // ---- Stepping. ----
  function paintRows() {
    for (var i = 0; i < rows.length; i++) {
      rows[i].classList.toggle('current', i === step);
      rows[i].classList.toggle('future', quiz.on && i > step && i !== quiz.asking);
      rows[i].classList.toggle('asking', quiz.on && i === quiz.asking);
    }
  }
  function go(k) {
    if (n === 0) return;
    step = Math.max(0, Math.min(n - 1, k));
    if (quiz.on && quiz.asking >= 0 && quiz.asking !== step + 1) { quiz.asking = -1; ask.textContent = ''; ask.appendChild(scoreLine()); }
    paintRows();
    var e = events[step];
    panel.textContent = rows[step].querySelector('title').textContent;
    whereEl.textContent = 'event ' + (step + 1) + ' of ' + n;
    var st = stateAt(step);
    renderState(st, e);
    renderDiagram(st, e);
    renderCode(step);
    document.body.setAttribute('data-step', String(step));
    if (quiz.on || relaidForQuiz) { relayout(); relaidForQuiz = quiz.on; }
    if (rows[step].scrollIntoView && !rows[step].classList.contains('hidden')) rows[step].scrollIntoView({ block: 'nearest' });
    if (quiz.on && step === n - 1) { ask.textContent = ''; ask.appendChild(scoreLine()); }
  }
  function next() {
    if (quiz.on) {
      if (quiz.asking >= 0) return;
      var i = step + 1;
      if (isQuestion(i) && !(i in quiz.answered)) { showQuestion(i); return; }
    }
    go(step + 1);
  }
  function prev() { go(step - 1); }
  function last() {
    if (!quiz.on) { go(n - 1); return; }
    // In the quiz, End runs up to the next question.
    while (step < n - 1 && quiz.asking < 0) {
      var before = step;
      next();
      if (step === before) break;
    }
  }

  document.getElementById('next').addEventListener('click', next);
  document.getElementById('prev').addEventListener('click', prev);
  document.getElementById('first').addEventListener('click', function () { go(0); });
  document.getElementById('last').addEventListener('click', last);
  quizBox.addEventListener('change', function () { setQuiz(quizBox.checked); });
  filterBox.addEventListener('change', relayout);
  document.addEventListener('keydown', function (ev) {
    var t = ev.target && ev.target.tagName;
    if (t === 'SELECT' || t === 'INPUT' && ev.target.type !== 'checkbox') return;
    var key = ev.key;
    if (key === 'ArrowRight' || key === 'j') next();
    else if (key === 'ArrowLeft' || key === 'k') prev();
    else if (key === 'Home') go(0);
    else if (key === 'End') last();
    else if (quiz.asking >= 0 && /^[1-9]$/.test(key) && +key <= ANSWERS.length) answer(+key - 1);
    else return;
    ev.preventDefault();
  });
  rows.forEach(function (r, i) {
    r.addEventListener('click', function () { if (!quiz.on || i <= step) go(i); });
  });
  var toggles = body.querySelectorAll('.frame-toggle');
  for (var t = 0; t < toggles.length; t++) {
    toggles[t].addEventListener('click', function (ev) {
      ev.stopPropagation();
      var f = this.getAttribute('data-frame');
      collapsed[f] = !collapsed[f];
      this.textContent = (collapsed[f] ? '▸ ' : '▾ ') + this.getAttribute('data-name') + (collapsed[f] ? ' (folded: click to open)' : '');
      relayout();
    });
    toggles[t].addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        ev.stopPropagation();
        this.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      }
    });
  }

  // ---- Start: ?quiz turns the quiz on; #keys=a,b,c replays keys (a link that opens at a
  // step), recording what the state panel and the diagram show after each. ----
  setQuiz(/(^|[?&])quiz\b/.test(location.search));
  go(0);
  relayout();
  document.body.setAttribute('data-columns', String(document.querySelectorAll('svg.head g.col').length));
  document.body.setAttribute('data-marks', String(body.querySelectorAll('.mark').length));
  document.body.setAttribute('data-rows', String(rows.length));
  // Column headings as drawn: how many overlap the one before them (none should).
  var overlaps = 0, right = -Infinity;
  Array.prototype.forEach.call(document.querySelectorAll('svg.head g.col'), function (g) {
    var b = g.querySelector('text').getBBox();
    if (b.x < right) overlaps++;
    right = b.x + b.width;
  });
  document.body.setAttribute('data-head-overlaps', String(overlaps));
  function snapshot() {
    var items = Array.prototype.map.call(stateList.querySelectorAll('li[data-var]'), function (li) {
      return li.getAttribute('data-frame-index') + '/' + li.getAttribute('data-var') + '=' + li.getAttribute('data-state') + (li.getAttribute('data-borrows') ? '[' + li.getAttribute('data-borrows') + ']' : '');
    });
    var boxes = Array.prototype.map.call(diagram.querySelectorAll('g.var'), function (g) {
      return g.getAttribute('data-frame-index') + '/' + g.getAttribute('data-var') + '=' + g.getAttribute('data-state');
    });
    var owns = Array.prototype.map.call(diagram.querySelectorAll('path.owns'), function (p) {
      return p.getAttribute('data-frame-index') + '/' + p.getAttribute('data-from') + '>' + p.getAttribute('data-to');
    });
    var blocks = Array.prototype.map.call(diagram.querySelectorAll('g.block'), function (g) {
      return g.getAttribute('data-addr') + (g.hasAttribute('data-strong') ? '=' + g.getAttribute('data-strong') : '');
    });
    var score = document.getElementById('score');
    var future = rows.filter(function (r) { return r.classList.contains('future'); }).length;
    var refers = Array.prototype.map.call(diagram.querySelectorAll('path.refers'), function (p) {
      return p.getAttribute('data-frame-index') + '/' + p.getAttribute('data-from') + (p.classList.contains('mut') ? '=mut>' : '>') + p.getAttribute('data-to');
    });
    return [step, items.join(';'), boxes.join(';'), owns.join(';'), blocks.join(';'),
      score ? score.getAttribute('data-right') + '/' + score.getAttribute('data-total') : '',
      quiz.asking, future, refers.join(';')].join('|');
  }
  var replay = document.getElementById('replay');
  var log = [snapshot()];
  var m = /^#keys=(.*)$/.exec(location.hash);
  if (m) {
    decodeURIComponent(m[1]).split(',').forEach(function (key) {
      if (!key) return;
      document.dispatchEvent(new KeyboardEvent('keydown', { key: key, bubbles: true, cancelable: true }));
      log.push(snapshot());
    });
  } else if (location.hash === '#demo' && rows.length > 1) {
    rows[1].dispatchEvent(new MouseEvent('click', { bubbles: true }));
  } else if (/^#fold=/.test(location.hash)) {
    location.hash.slice(6).split(',').forEach(function (f) {
      var tg = body.querySelector('.frame-toggle[data-frame="' + f + '"]');
      if (tg) tg.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
  } else if (/^#only=/.test(location.hash)) {
    filterBox.value = decodeURIComponent(location.hash.slice(6));
    filterBox.dispatchEvent(new Event('change'));
  }
  replay.textContent = log.join('\n');
  document.body.setAttribute('data-ready', 'yes');
})();
