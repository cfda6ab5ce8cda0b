namespace ConformanceHarness.Reporting;

/// <summary>
/// The HTML report's inline script: filters, and the detail panel a cell opens (summary, expected vs actual, the rule and
/// its quote, the transcript in its visible form with bare CR/LF and control bytes highlighted), read from the embedded data.
/// </summary>
internal static class HtmlDetailScript
{
    public const string Script = """

(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var results = data.results;
  var detail = document.getElementById('detail');
  var body = document.getElementById('detail-body');
  var selected = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // The visible form: CRLF is a trailing ⏎, bare CR/LF are \r and \n, other control bytes \xHH, a backslash is doubled.
  function visible(text, parent) {
    var re = /\\\\|\\r|\\n|\\x[0-9A-Fa-f]{2}|⏎/g, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) { parent.appendChild(document.createTextNode(text.slice(last, m.index))); }
      if (m[0] === '\\\\') { parent.appendChild(document.createTextNode(m[0])); }
      else { parent.appendChild(el('span', m[0] === '⏎' ? 'eol' : 'esc', m[0])); }
      last = re.lastIndex;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
    return parent;
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === '') { return; }
    dl.appendChild(el('dt', null, name));
    var dd = el('dd');
    if (typeof value === 'string') { dd.textContent = value; } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }

  function open(i, cell) {
    var r = results[i];
    if (!r) { return; }
    if (selected) { selected.classList.remove('selected'); }
    selected = cell || document.querySelector('td.cell[data-r="' + i + '"]');
    if (selected) { selected.classList.add('selected'); }
    body.textContent = '';
    body.appendChild(el('h3', null, r.scenario));
    body.appendChild(el('div', null, r.title));
    var verdict = el('span', 'verdict v-' + r.verdict, r.verdict + (r.expectedFailure ? ' (expected)' : '') + ' on ' + r.target);
    verdict.id = 'detail-verdict';
    body.appendChild(verdict);
    body.appendChild(el('p', 'summary', r.summary));
    if (r.expected !== null || r.actual !== null) {
      var ev = el('div', 'evidence');
      var exp = el('div'); exp.appendChild(el('b', null, 'expected')); exp.appendChild(visible(r.expected || '—', el('code'))); exp.id = 'detail-expected';
      var act = el('div'); act.appendChild(el('b', null, 'actual')); act.appendChild(visible(r.actual || '—', el('code'))); act.id = 'detail-actual';
      ev.appendChild(exp); ev.appendChild(act); body.appendChild(ev);
    }
    var dl = el('dl');
    row(dl, 'rule', r.rule);
    row(dl, 'level', r.level);
    row(dl, 'tags', (r.tags || []).join(', '));
    if (r.file) { row(dl, 'at', r.file + (r.line !== null ? ':' + r.line : '')); } else if (r.line !== null) { row(dl, 'line', String(r.line)); }
    row(dl, 'deviation', r.deviation);
    row(dl, 'duration', r.durationMs + ' ms');
    (r.notes || []).forEach(function (n) { row(dl, 'note', n); });
    body.appendChild(dl);
    if (r.quote) { var q = el('blockquote', null, r.quote); q.id = 'detail-quote'; body.appendChild(q); }
    if (r.why) { body.appendChild(el('p', 'why', 'why: ' + r.why)); }
    body.appendChild(el('b', null, 'transcript'));
    var t = el('div'); t.id = 'transcript';
    var connections = {};
    (r.transcript || []).forEach(function (l) { connections[l.connection] = true; });
    var several = Object.keys(connections).length > 1;
    if (!r.transcript || r.transcript.length === 0) { t.appendChild(el('div', 'line note', '(no transcript: nothing was exchanged)')); }
    (r.transcript || []).forEach(function (l) {
      var line = el('div', 'line ' + l.direction);
      line.appendChild(el('span', 'at', l.atMs.toFixed(0)));
      line.appendChild(el('span', 'dir', l.direction === 'client' ? 'C:' : l.direction === 'server' ? 'S:' : '*'));
      var text = el('span', 'text');
      if (several) { text.appendChild(el('span', 'conn', '[' + l.connection + ']')); }
      if (l.direction === 'note') { text.appendChild(document.createTextNode(l.text)); } else { visible(l.text, text); }
      line.appendChild(text);
      t.appendChild(line);
    });
    body.appendChild(t);
    detail.hidden = false;
    if (history.replaceState) { history.replaceState(null, '', '#r' + i); }
  }

  function close() {
    detail.hidden = true;
    if (selected) { selected.classList.remove('selected'); selected = null; }
    if (history.replaceState) { history.replaceState(null, '', '#'); }
  }

  var matrix = document.getElementById('matrix');
  matrix.addEventListener('click', function (e) {
    var cell = e.target.closest('td.cell[data-r]');
    if (cell) { open(Number(cell.getAttribute('data-r')), cell); }
  });
  matrix.addEventListener('keydown', function (e) {
    var cell = e.target.closest('td.cell[data-r]');
    if (cell && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(Number(cell.getAttribute('data-r')), cell); }
  });
  document.getElementById('detail-close').addEventListener('click', close);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { close(); } });

  var onlyDifferences = false;
  function apply() {
    var levels = {}, verdicts = {};
    document.querySelectorAll('input[name=level]:checked').forEach(function (c) { levels[c.value] = true; });
    document.querySelectorAll('input[name=verdict]:checked').forEach(function (c) { verdicts[c.value] = true; });
    var tag = document.getElementById('tag-filter').value;
    var text = document.getElementById('text-filter').value.toLowerCase();
    var shown = 0, total = 0;
    var rows = matrix.querySelectorAll('tbody tr');
    var ruleRow = null, ruleShown = false, protocolRow = null, protocolShown = false;
    function closeRule() { if (ruleRow) { ruleRow.hidden = !ruleShown; } }
    function closeProtocol() { if (protocolRow) { protocolRow.hidden = !protocolShown; } }
    rows.forEach(function (tr) {
      if (tr.classList.contains('protocol-row')) { closeRule(); closeProtocol(); ruleRow = null; protocolRow = tr; protocolShown = false; return; }
      if (tr.classList.contains('rule-row')) { closeRule(); ruleRow = tr; ruleShown = false; return; }
      total++;
      var cells = tr.querySelectorAll('td.cell[data-v]');
      var anyVerdict = false, seen = {}, kinds = 0;
      cells.forEach(function (c) { var v = c.getAttribute('data-v'); if (verdicts[v]) { anyVerdict = true; } if (!seen[v]) { seen[v] = true; kinds++; } });
      var tags = (tr.getAttribute('data-tags') || '').split(' ');
      var ok = levels[tr.getAttribute('data-level')] && anyVerdict
        && (!tag || tags.indexOf(tag) >= 0)
        && (!text || (tr.getAttribute('data-scenario') + ' ' + tr.getAttribute('data-title')).toLowerCase().indexOf(text) >= 0)
        && (!onlyDifferences || kinds > 1);
      tr.hidden = !ok;
      if (ok) { shown++; ruleShown = true; protocolShown = true; }
    });
    closeRule(); closeProtocol();
    document.getElementById('shown-count').textContent = shown + ' of ' + total + ' scenarios';
  }
  document.getElementById('filters').addEventListener('change', apply);
  document.getElementById('text-filter').addEventListener('input', apply);
  document.getElementById('only-differences').addEventListener('click', function (e) {
    onlyDifferences = !onlyDifferences;
    e.target.classList.toggle('on', onlyDifferences);
    apply();
  });
  apply();

  var hash = /^#r(\d+)$/.exec(location.hash);
  if (hash) { open(Number(hash[1])); }
})();
""";
}
