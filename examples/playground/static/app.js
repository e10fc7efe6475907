// The playground page: sends the customer's message and the reply to
// POST api/evaluate and shows the answer. Every piece of text that comes
// from the user or the server is inserted with textContent or as a text
// node, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('form');
  const customerInput = $('customer');
  const replyInput = $('reply');
  const submitButton = $('evaluate');
  const errorBox = $('error');
  const results = $('results');

  const statusLabels = {
    met: 'met',
    missed: 'missed',
    violated: 'violated',
    not_applicable: 'not applicable',
  };
  // Problems first, then what the reply does well.
  const statusRank = { violated: 0, missed: 1, met: 2 };

  const example = {
    customer: 'This is the THIRD time I\'m writing about my order!!! It arrived broken, nobody answers my emails, and I want a refund NOW or I\'m taking my business elsewhere.',
    reply: 'Hi Zoë, I\'m so sorry your order arrived broken, but you should have checked it on delivery. I can send a replacement today or refund you, whichever you prefer. Thanks for letting us know.',
  };

  let latest = 0; // the number of the latest request; older answers are dropped
  let rewrite = null; // the reply with the safe edits applied, from the last answer

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    evaluate();
  });
  for (const input of [customerInput, replyInput]) {
    input.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  $('example').addEventListener('click', () => {
    customerInput.value = example.customer;
    replyInput.value = example.reply;
    form.requestSubmit();
  });
  $('apply-safe').addEventListener('click', () => {
    if (rewrite !== null) {
      replyInput.value = rewrite;
      form.requestSubmit();
    }
  });

  async function evaluate() {
    const reply = replyInput.value;
    if (reply.trim() === '') {
      showError('Write or paste a reply to evaluate.');
      replyInput.focus();
      return;
    }
    const n = ++latest;
    results.dataset.state = 'loading';
    results.setAttribute('aria-busy', 'true');
    submitButton.disabled = true;
    try {
      const res = await fetch('api/evaluate', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ customer: customerInput.value, reply }),
      });
      let body;
      try {
        body = await res.json();
      } catch {
        throw new Error(`The server answered ${res.status} ${res.statusText}, without JSON.`);
      }
      if (!res.ok) {
        throw new Error(`The server answered ${res.status}: ${body.error || res.statusText}`);
      }
      if (n !== latest) {
        return;
      }
      hideError();
      render(body);
      results.hidden = false;
      results.dataset.state = 'done';
    } catch (err) {
      if (n === latest) {
        showError(err instanceof TypeError ? `The server could not be reached: ${err.message}` : err.message);
        results.dataset.state = 'error';
      }
    } finally {
      if (n === latest) {
        results.dataset.runs = String(Number(results.dataset.runs) + 1);
        results.removeAttribute('aria-busy');
        submitButton.disabled = false;
      }
    }
  }

  function showError(msg) {
    errorBox.textContent = msg;
    errorBox.hidden = false;
  }

  function hideError() {
    errorBox.textContent = '';
    errorBox.hidden = true;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function render(body) {
    const ev = body.evaluation;
    renderScore(ev);
    renderReply(body.reply, ev.findings);
    renderFindings(ev.findings);
    renderCustomer(body.customer || '', ev.customer);
    renderEdits(body.edits || [], body.reply, body.rewrite);
    // Said by screen readers: the outcome, without moving the focus.
    const toFix = (ev.findings || []).filter((f) => f.status === 'missed' || f.status === 'violated').length;
    $('status').textContent = `Score ${formatNumber(ev.score)}, ${ev.passed ? 'passed' : 'failed'}; ` +
      `${toFix} ${toFix === 1 ? 'finding' : 'findings'} to work on, ${(body.edits || []).length} suggested edits.`;
  }

  function renderScore(ev) {
    const score = $('score');
    score.textContent = formatNumber(ev.score);
    score.dataset.score = String(ev.score);
    const verdict = $('verdict');
    verdict.replaceChildren();
    verdict.className = 'verdict ' + (ev.passed ? 'passed' : 'failed');
    verdict.append(el('strong', '', ev.passed ? 'Passed' : 'Failed'));
    let detail = ` (pass mark ${formatNumber(ev.threshold)})`;
    if (ev.critical_failures && ev.critical_failures.length > 0) {
      detail += `; critical: ${ev.critical_failures.join(', ')}`;
    }
    verdict.append(document.createTextNode(detail));
  }

  function formatNumber(x) {
    return Number.isInteger(x) ? String(x) : String(Math.round(x * 100) / 100);
  }

  // walk calls f for each finding and each of its children, depth first.
  function walk(findings, f) {
    for (const finding of findings || []) {
      f(finding);
      walk(finding.children, f);
    }
  }

  function renderReply(text, findings) {
    const spans = [];
    walk(findings, (f) => {
      for (const ev of f.evidence || []) {
        spans.push({ start: ev.start, end: ev.end, key: f.id, label: f.title || f.id, status: f.status });
      }
    });
    const view = $('reply-view');
    view.replaceChildren(highlight(text, spans, 'data-findings'));
  }

  // renderFindings lists the findings: problems first, then what the
  // reply does well; criteria met with nothing to point at (anti-patterns
  // the reply avoids) as a compact list; those that do not apply folded.
  function renderFindings(findings) {
    const list = $('findings');
    const avoided = $('findings-avoided');
    const na = $('findings-na');
    list.replaceChildren();
    avoided.replaceChildren();
    na.replaceChildren();
    const all = findings || [];
    const isAvoided = (f) => f.status === 'met' && !(f.evidence && f.evidence.length) && !(f.children && f.children.length);
    const shown = all.filter((f) => f.status !== 'not_applicable' && !isAvoided(f));
    shown.sort((a, b) => (statusRank[a.status] ?? 3) - (statusRank[b.status] ?? 3));
    for (const f of shown) {
      list.append(findingItem(f));
    }
    const clean = all.filter(isAvoided);
    for (const f of clean) {
      const li = el('li', 'finding chip met');
      li.dataset.finding = f.id;
      li.dataset.status = f.status;
      li.title = f.id;
      li.append(el('span', 'chip-mark', '✓ '), document.createTextNode(f.title || f.id));
      avoided.append(li);
    }
    $('avoided-wrap').hidden = clean.length === 0;
    const notApplicable = all.filter((f) => f.status === 'not_applicable');
    for (const f of notApplicable) {
      na.append(findingItem(f));
    }
    $('na-summary').textContent = `Not applicable (${notApplicable.length})`;
    $('na-details').hidden = notApplicable.length === 0;
  }

  function findingItem(f) {
    const li = el('li', 'finding ' + f.status);
    li.dataset.finding = f.id;
    li.dataset.status = f.status;
    const head = el('div', 'finding-head');
    head.append(el('span', 'badge ' + f.status, statusLabels[f.status] || f.status));
    if (f.critical && (f.status === 'missed' || f.status === 'violated')) {
      head.append(el('span', 'badge critical', 'critical'));
    }
    head.append(el('span', 'finding-title', f.title || f.id));
    head.append(el('code', 'finding-id', f.id));
    if (f.contribution) {
      head.append(el('span', 'points', `+${formatNumber(f.contribution)} points`));
    }
    li.append(head);
    if (f.evidence && f.evidence.length > 0) {
      const quotes = el('p', 'quotes');
      f.evidence.forEach((ev, i) => {
        if (i > 0) {
          quotes.append(document.createTextNode(' · '));
        }
        quotes.append(el('q', '', ev.text));
      });
      li.append(quotes);
    }
    if (f.suggestion) {
      li.append(el('p', 'suggestion', f.suggestion));
    }
    if (f.note) {
      li.append(el('p', 'note', f.note));
    }
    // Pointing at a finding, or focusing it, outlines its evidence.
    li.tabIndex = 0;
    const on = (yes) => {
      for (const m of document.querySelectorAll(`#reply-view mark[data-findings~="${CSS.escape(f.id)}"]`)) {
        m.classList.toggle('pointed', yes);
      }
    };
    li.addEventListener('mouseenter', () => on(true));
    li.addEventListener('mouseleave', () => on(false));
    li.addEventListener('focus', () => on(true));
    li.addEventListener('blur', () => on(false));
    return li;
  }

  function renderCustomer(text, assessment) {
    const has = Boolean(assessment);
    $('no-customer').hidden = has;
    $('assessment').hidden = !has;
    if (!has) {
      return;
    }
    $('anger-level').textContent = assessment.level;
    $('anger-level').className = 'level ' + assessment.level;
    $('anger-score').textContent = assessment.anger.toFixed(2);
    $('anger-meter').value = assessment.anger;
    $('anger-meter').textContent = assessment.anger.toFixed(2);
    $('escalate').textContent = assessment.escalate
      ? 'Escalate: a supervisor should step in.'
      : 'No need to escalate.';
    $('escalate').className = assessment.escalate ? 'escalate yes' : 'escalate';
    const reasons = $('reasons');
    reasons.replaceChildren();
    for (const r of assessment.reasons || []) {
      reasons.append(el('li', '', r));
    }
    const signals = assessment.signals || [];
    const spans = signals.map((s) => ({ start: s.start, end: s.end, key: s.kind, label: s.kind.replaceAll('_', ' '), status: s.weight < 0 ? 'calming' : 'signal' }));
    $('customer-view').replaceChildren(highlight(text, spans, 'data-signals'));
    const list = $('signals');
    list.replaceChildren();
    for (const s of signals) {
      const li = el('li', s.weight < 0 ? 'calming' : 'signal');
      li.append(el('span', 'signal-kind', s.kind.replaceAll('_', ' ')));
      li.append(document.createTextNode(' '));
      li.append(el('q', '', s.text));
      li.append(el('span', 'weight', ` ${s.weight > 0 ? '+' : ''}${s.weight}`));
      list.append(li);
    }
  }

  // renderEdits shows the suggested edits twice: in the reply, as
  // deletions and insertions in place, and as a list with their reasons.
  function renderEdits(edits, reply, rewritten) {
    const list = $('edits');
    list.replaceChildren();
    $('no-edits').hidden = edits.length > 0;
    $('edits-view').hidden = edits.length === 0;
    $('edits-view').replaceChildren(editedText(reply, edits));
    edits.forEach((e, i) => {
      const li = el('li', 'edit' + (e.safe ? '' : ' unsafe'));
      li.dataset.kind = e.kind;
      li.dataset.id = e.id || '';
      li.dataset.edit = String(i);
      const head = el('div', 'edit-head');
      head.append(el('span', 'badge kind', e.kind));
      if (e.id) {
        head.append(el('code', 'finding-id', e.id));
      }
      head.append(el('span', e.safe ? 'badge safe' : 'badge unsafe', e.safe ? 'safe' : 'check first'));
      li.append(head);
      const diff = el('p', 'diff');
      if (e.old) {
        diff.append(el('del', '', e.old));
      }
      if (e.old && e.text) {
        diff.append(document.createTextNode(' → '));
      }
      if (e.text) {
        diff.append(el('ins', '', e.text));
      }
      li.append(diff);
      if (e.reason) {
        li.append(el('p', 'reason', e.reason));
      }
      list.append(li);
    });
    rewrite = typeof rewritten === 'string' && rewritten !== reply ? rewritten : null;
    $('apply-safe').hidden = rewrite === null;
  }

  // editedText returns the reply with each edit shown in place: the text
  // it removes struck through, the text it adds underlined. Edits are
  // sorted by start and do not overlap; offsets are UTF-8 byte offsets.
  function editedText(text, edits) {
    const toIndex = byteToIndex(text);
    const frag = document.createDocumentFragment();
    let pos = 0; // a string index
    edits.forEach((e, i) => {
      const start = toIndex(e.start);
      const end = toIndex(e.end);
      if (start === undefined || end === undefined || start < pos || end < start) {
        return;
      }
      frag.append(document.createTextNode(text.slice(pos, start)));
      const cls = e.safe ? '' : 'unsafe';
      if (end > start) {
        const d = el('del', cls, text.slice(start, end));
        d.dataset.edit = String(i);
        frag.append(d);
      }
      if (e.text) {
        const a = el('ins', cls, e.text);
        a.dataset.edit = String(i);
        frag.append(a);
      }
      pos = end;
    });
    frag.append(document.createTextNode(text.slice(pos)));
    return frag;
  }

  // byteToIndex returns a function mapping a UTF-8 byte offset into text
  // to the JavaScript (UTF-16) string index of the same position, or
  // undefined when the offset is not on a character boundary. The server's
  // offsets are UTF-8 byte offsets; a lone surrogate, which the server
  // receives as U+FFFD, is three bytes long in both.
  function byteToIndex(text) {
    const map = new Map();
    let b = 0;
    let i = 0;
    while (i < text.length) {
      map.set(b, i);
      const cp = text.codePointAt(i);
      b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      i += cp > 0xffff ? 2 : 1;
    }
    map.set(b, i);
    return (off) => map.get(off);
  }

  // highlight returns a fragment holding text with each span in a <mark>.
  // Spans are {start, end, key, label, status}, with UTF-8 byte offsets.
  // Spans with the same extent share one mark; a span inside another is a
  // mark inside its mark; a span that crosses another's end is cut there
  // into pieces, each a mark. Every mark carries the keys of its spans in
  // the attribute attr, space-separated, and its own extent in data-start
  // and data-end (byte offsets).
  function highlight(text, spans, attr) {
    const toIndex = byteToIndex(text);
    const groups = new Map();
    for (const s of spans) {
      if (!(s.start < s.end) || toIndex(s.start) === undefined || toIndex(s.end) === undefined) {
        continue;
      }
      const k = `${s.start}:${s.end}`;
      if (!groups.has(k)) {
        groups.set(k, { start: s.start, end: s.end, spans: [] });
      }
      groups.get(k).spans.push(s);
    }
    const sorted = [...groups.values()].sort((a, b) => a.start - b.start || b.end - a.end);
    const root = { start: 0, end: new TextEncoder().encode(text).length, spans: [], children: [] };
    for (const g of sorted) {
      insert(root, g.start, g.end, g.spans);
    }
    const frag = document.createDocumentFragment();
    const textOf = (a, b) => document.createTextNode(text.slice(toIndex(a), toIndex(b)));
    const build = (parent, node) => {
      let pos = node.start;
      for (const child of node.children) {
        if (child.start > pos) {
          parent.append(textOf(pos, child.start));
        }
        parent.append(markFor(child, attr, build));
        pos = child.end;
      }
      if (pos < node.end) {
        parent.append(textOf(pos, node.end));
      }
    };
    build(frag, root);
    return frag;
  }

  // insert puts the span [s, e) with its spans into the tree under node,
  // whose children are disjoint and sorted.
  function insert(node, s, e, spans) {
    for (const child of [...node.children]) {
      if (s >= e) {
        return;
      }
      if (child.end <= s || child.start >= e) {
        continue;
      }
      if (child.start > s) {
        addChild(node, s, child.start, spans);
        s = child.start;
      }
      const pe = Math.min(e, child.end);
      if (s === child.start && pe === child.end) {
        child.spans.push(...spans);
      } else {
        insert(child, s, pe, spans);
      }
      s = pe;
    }
    if (s < e) {
      addChild(node, s, e, spans);
    }
  }

  function addChild(node, s, e, spans) {
    node.children.push({ start: s, end: e, spans: [...spans], children: [] });
    node.children.sort((a, b) => a.start - b.start);
  }

  function markFor(node, attr, build) {
    const m = document.createElement('mark');
    const keys = [...new Set(node.spans.map((s) => s.key))];
    const statuses = new Set(node.spans.map((s) => s.status));
    m.className = ['violated', 'missed', 'signal', 'calming', 'met'].find((st) => statuses.has(st)) || 'met';
    m.setAttribute(attr, keys.join(' '));
    m.dataset.start = String(node.start);
    m.dataset.end = String(node.end);
    m.title = [...new Set(node.spans.map((s) => s.label))].join(', ');
    build(m, node);
    return m;
  }
})();
