using System.Reflection;

namespace ClaimMl.Reports;

/// <summary>
/// The frame shared by every report: a self-contained HTML page (inline CSS, inline SVG, at most one
/// inline script; nothing fetched) under a Content-Security-Policy that allows only that style and that
/// script, by hash, so even markup that escaped escaping could neither run nor load anything.
/// </summary>
internal static class ReportPage
{
    /// <summary>What <paramref name="write"/> writes, as a string (a report's <c>ToHtml</c>).</summary>
    public static string Render(Action<TextWriter> write)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(writer);
        return writer.ToString();
    }

    public const string Style = """
:root{--fg:#1f2328;--muted:#57606a;--bg:#fff;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b57d0;--confirmed:#116329;--confirmed-bg:#dafbe1;--disputed:#a40e26;--disputed-bg:#ffebe9;--unverified:#6f4e00;--unverified-bg:#fff1c2}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif;color:var(--fg);background:var(--bg)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.skip{position:absolute;left:-10000px;top:0;background:var(--bg);padding:8px;z-index:10}
.skip:focus{left:8px}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 16px}
header{padding-top:12px;padding-bottom:8px;border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;line-height:1.25;margin:.3em 0;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.2em 0 .5em}
h3{font-size:1.05rem;margin:0 0 .4em}
.meta{color:var(--muted);margin:.2em 0;overflow-wrap:anywhere}
.meta strong{color:var(--fg);font-weight:600}
code,.hash{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.85em;overflow-wrap:anywhere;word-break:break-all}
.sprite{position:absolute;width:0;height:0;overflow:hidden}
.icon{width:1em;height:1em;vertical-align:-.15em;flex:none}
.v-confirmed{--v:var(--confirmed);--vbg:var(--confirmed-bg)}
.v-disputed{--v:var(--disputed);--vbg:var(--disputed-bg)}
.v-unverified{--v:var(--unverified);--vbg:var(--unverified-bg)}
.badge{display:inline-flex;align-items:center;gap:.3em;font-weight:600;white-space:nowrap;border-radius:999px;padding:0 .6em;border:1px solid var(--v);color:var(--v);background:var(--vbg)}
.grid{display:grid;gap:8px 24px;grid-template-columns:minmax(0,1fr)}
@media (min-width:900px){.grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
.counts{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:0 0 12px}
.counts li{display:flex;align-items:center;gap:6px;border:1px solid var(--v);background:var(--vbg);color:var(--v);border-radius:8px;padding:2px 10px;font-weight:600}
.counts .n{font-size:1.3rem;color:var(--fg)}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{border-bottom:2px solid var(--line);white-space:nowrap}
.num{text-align:right;white-space:nowrap}
.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 12px;margin:0}
.kv dt{color:var(--muted)}
.kv dd{margin:0;overflow-wrap:anywhere}
.legend{list-style:none;padding:0;margin:0 0 12px;display:grid;gap:6px}
.legend li{margin:0}
.layout{display:grid;gap:8px 32px;grid-template-columns:minmax(0,1fr)}
@media (min-width:960px){.layout{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}.layout .panel{position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto}}
.text{counter-reset:sentence;white-space:pre-wrap;font-size:1.1rem;line-height:2;overflow-wrap:anywhere;margin:0}
.claim,.mark{color:inherit;font:inherit;border-radius:3px;padding:1px 2px;background:var(--vbg);text-decoration-line:underline;text-decoration-color:var(--v);text-decoration-thickness:2px;text-underline-offset:5px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.claim{cursor:pointer}
#text .claim{counter-increment:sentence}
.mark{font-weight:600;white-space:nowrap}
.v-confirmed:is(.claim,.mark){text-decoration-style:solid}
.v-disputed:is(.claim,.mark){text-decoration-style:wavy}
.v-unverified:is(.claim,.mark){text-decoration-style:dotted}
:is(.claim,.mark) .icon{color:var(--v);margin-right:.2em}
.claim:focus{outline:none}
.claim:focus-visible,.claim.selected{outline:3px solid var(--accent);outline-offset:2px}
button.claim{border:0;text-align:left;display:inline;padding:2px 4px;line-height:1.6}
.hint{color:var(--muted)}
.detail{border:1px solid var(--line);border-radius:8px;padding:12px;margin:0 0 12px;background:var(--bg)}
.detail .said{margin:.4em 0;font-style:italic;overflow-wrap:anywhere}
.sources-said{list-style:none;padding:0;margin:0}
.sources-said>li{border-top:1px solid var(--line);padding:8px 0 4px}
.sources-said .name{font-weight:600;overflow-wrap:anywhere}
.stance{display:inline-block;font-weight:600;border-radius:4px;padding:0 .4em;border:1px solid var(--line);background:var(--soft)}
.stance.s-supports{border-color:var(--confirmed);color:var(--confirmed)}
.stance.s-refutes{border-color:var(--disputed);color:var(--disputed)}
.probs{display:grid;grid-template-columns:max-content 3.2em minmax(40px,1fr);gap:0 8px;align-items:center;margin:6px 0;font-size:.875rem}
.probs dt{color:var(--muted)}
.probs dd{margin:0}
.probs .p{text-align:right}
.bar{display:block;width:100%;height:8px}
.bar .track{fill:#eaeef2}
.bar .value{fill:#6e7781}
.probs .chosen{color:var(--fg);font-weight:600}
.probs .chosen .value{fill:var(--accent)}
.evidence{margin:4px 0 0;padding:2px 10px;border-left:3px solid var(--line);overflow-wrap:anywhere}
.evidence.none{color:var(--muted);border-left-style:dashed}
.claims td.claim-cell{min-width:10em;overflow-wrap:anywhere}
.claims .id{color:var(--muted);overflow-wrap:anywhere;max-width:8em}
.claims tr.detail-row>td{background:var(--soft);border-bottom:2px solid var(--line)}
.sort{font:inherit;font-weight:600;border:1px solid var(--line);background:var(--soft);color:var(--fg);border-radius:4px;padding:2px 6px;cursor:pointer}
.sort:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
.sort .arrow{display:inline-block;width:1em;color:var(--muted)}
th[aria-sort=ascending] .arrow::after{content:"\25B2"}
th[aria-sort=descending] .arrow::after{content:"\25BC"}
th[aria-sort=none] .arrow::after{content:"\2195"}
.figures{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:0 0 12px}
.figures li{border:1px solid var(--line);border-radius:8px;padding:4px 12px;background:var(--soft)}
.figures .k{display:block;color:var(--muted);font-size:.8rem}
.figures .v{font-size:1.15rem;font-weight:600;font-variant-numeric:tabular-nums}
.charts{display:grid;gap:16px;grid-template-columns:minmax(0,1fr);margin-top:16px}
@media (max-width:480px){th,td{padding:4px}.per-class,.source-summary{font-size:.875rem}}
@media (min-width:900px){.charts{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px}
figure svg{display:block;width:100%;max-width:520px;height:auto;margin:0 auto}
figcaption{color:var(--muted);font-size:.9rem;margin-top:6px}
svg text{font-family:inherit}
.note{color:var(--muted)}
details{margin:8px 0}
details summary{cursor:pointer;font-weight:600}
details summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.model-figures{font-size:.9rem}
.model-figures th{font-weight:600;width:40%}
footer{color:var(--muted);font-size:.85rem;margin-top:24px;padding-top:8px;padding-bottom:24px;border-top:1px solid var(--line)}
@media print{
body{font-size:10.5pt}
header,main,footer{max-width:none;padding:0}
.skip,.hint,.no-print{display:none!important}
.detail[hidden]{display:block!important}
tr.detail-row[hidden]{display:table-row!important}
.layout{display:block}
.layout .panel{position:static;max-height:none;overflow:visible}
.claim.selected{outline:none}
.sort{border:0;background:none;padding:0}
figure,li,tr:not(.detail-row){break-inside:avoid}
.sort .arrow{display:none}
#text .claim::after{content:" [" counter(sentence) "]";font-size:.7em;vertical-align:super;text-decoration:none}
h2,h3{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
""";

    public const string Script = """
(function () {
  'use strict';
  var text = document.getElementById('text');
  var claimsTable = document.getElementById('claims');
  function detail(el) { return document.getElementById(el.getAttribute('aria-controls')); }
  if (text) {
    var hint = document.getElementById('detail-hint');
    var sentences = text.querySelectorAll('.claim');
    var panels = document.querySelectorAll('#details .detail');
    var current = null;
    panels.forEach(function (p) { p.hidden = true; });
    if (hint) { hint.hidden = false; }
    var select = function (el, scroll) {
      if (current === el) { return; }
      if (current) {
        current.classList.remove('selected');
        current.setAttribute('aria-expanded', 'false');
        detail(current).hidden = true;
      }
      current = el;
      el.classList.add('selected');
      el.setAttribute('aria-expanded', 'true');
      var d = detail(el);
      d.hidden = false;
      if (hint) { hint.hidden = true; }
      if (scroll && !window.matchMedia('(min-width: 960px)').matches) { d.scrollIntoView({ block: 'nearest' }); }
    };
    sentences.forEach(function (el) {
      el.addEventListener('click', function () { select(el, true); });
      el.addEventListener('focus', function () { select(el, false); });
      el.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(el, true); }
      });
    });
  }
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  if (claimsTable) {
    claimsTable.querySelectorAll('tr.detail-row').forEach(function (r) { r.hidden = true; });
    claimsTable.querySelectorAll('button.claim').forEach(function (b) {
      b.setAttribute('aria-expanded', 'false');
      b.addEventListener('click', function () {
        var open = b.getAttribute('aria-expanded') !== 'true';
        b.setAttribute('aria-expanded', open ? 'true' : 'false');
        b.classList.toggle('selected', open);
        detail(b).closest('tr').hidden = !open;
      });
    });
    var headers = claimsTable.querySelectorAll('th[data-sort]');
    headers.forEach(function (th) {
      th.querySelector('button').addEventListener('click', function () {
        var key = th.getAttribute('data-sort');
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var groups = Array.prototype.slice.call(claimsTable.tBodies);
        var value = function (g) { return parseFloat(g.getAttribute('data-' + key)); };
        var order = function (g) { return parseFloat(g.getAttribute('data-order')); };
        groups.sort(function (a, b) {
          var d = ascending ? value(a) - value(b) : value(b) - value(a);
          return d !== 0 ? d : order(a) - order(b);
        });
        groups.forEach(function (g) { claimsTable.appendChild(g); });
      });
    });
  }
})();
""";

    public const string Sprite = """
<svg class="sprite" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><defs>
<symbol id="i-confirmed" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7.2" fill="currentColor"/><path d="M4.4 8.3l2.4 2.4 4.8-5" fill="none" stroke="#fff" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/></symbol>
<symbol id="i-disputed" viewBox="0 0 16 16"><rect x="1" y="1" width="14" height="14" rx="2.5" fill="currentColor"/><path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" stroke-width="1.9" stroke-linecap="round"/></symbol>
<symbol id="i-unverified" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M6.1 6.3a1.95 1.95 0 1 1 2.7 1.8c-.55.25-.8.6-.8 1.2v.3" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/><circle cx="8" cy="11.5" r="1" fill="currentColor"/></symbol>
</defs></svg>
""";

    private static readonly string StyleHash = Html.CspHash(Style);
    private static readonly string ScriptHash = Html.CspHash(Script);

    /// <summary>The library's version, for the footer.</summary>
    public static string Version =>
        typeof(ReportPage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    /// <summary>Writes everything up to and including the opening of <c>&lt;body&gt;</c> and the icon sprite.</summary>
    public static void WriteStart(TextWriter w, string title, bool withScript)
    {
        string scriptSource = withScript ? ScriptHash : "'none'";
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {StyleHash}; script-src {scriptSource}; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        w.Write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.Write("<meta name=\"generator\" content=\"ClaimMl " + Html.Text(Version) + "\">\n");
        w.Write("<link rel=\"icon\" href=\"data:,\">\n");
        w.Write("<title>" + Html.Text(title) + "</title>\n");
        w.Write("<style>" + Style + "</style>\n</head>\n<body>\n");
        w.Write("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
        w.Write(Sprite);
    }

    /// <summary>Writes the footer, the script if any, and closes the page.</summary>
    public static void WriteEnd(TextWriter w, bool withScript)
    {
        w.Write("<footer role=\"contentinfo\"><p>Written by ClaimMl " + Html.Text(Version) +
            ". A self-contained page: nothing is loaded from the network. Verdicts and probabilities come from a statistical model and can be wrong; read the evidence.</p></footer>\n");
        if (withScript)
        {
            w.Write("<script>" + Script + "</script>\n");
        }
        w.Write("</body>\n</html>\n");
    }
}
