namespace Chaos.Reporting;

/// <summary>The one inline stylesheet of the HTML reports: screen and print, text colours at a contrast of at least 4.5:1 on their backgrounds.</summary>
internal static class HtmlStyle
{
    public const string Css = """
        :root{color-scheme:light}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:1040px;padding:0 1rem;color:#1b1f24;background:#fff;line-height:1.45}
        header{padding:1rem 1.25rem;border-radius:6px;color:#fff}
        header.passed{background:#1a7f37}header.failed{background:#cf222e}header.other{background:#8a5a00}
        header p{margin:.3rem 0 0}
        h1{margin:0;font-size:1.6rem}h2{margin:1.8rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}h3{margin:1rem 0 .3rem;font-size:1.05rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.75rem;margin:1rem 0}
        .card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem}.card h2{margin:0;border:0;font-size:.85rem;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
        .big{font-size:1.5rem;font-weight:700}.good{color:#1a7f37}.bad{color:#cf222e}.meh{color:#8a5a00}
        .small{font-size:.82rem;color:#57606a}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem}
        th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        th{background:#f6f8fa}td.passed,td.better{color:#1a7f37;font-weight:600}td.failed,td.no-data,td.worse{color:#cf222e;font-weight:600}
        td.nowrap{white-space:nowrap}td a{color:inherit}
        dl.definitions{grid-template-columns:10rem auto;font-size:.85rem}dl.definitions dd{color:#3d444d}
        .fault-strip{fill:#6639ba}
        dl{display:grid;grid-template-columns:max-content auto;gap:.15rem 1rem;margin:.3rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
        svg{display:block;margin:.2rem 0 .4rem}
        svg text{font-family:system-ui,sans-serif}
        .plot{fill:#fff;stroke:#d0d7de}.grid{stroke:#eaeef2}
        .ok{fill:#2da44e}.degraded{fill:#d4a72c}.error{fill:#cf222e}
        .error-rate{fill:none;stroke:#82071e;stroke-width:1.6}.error-text{fill:#82071e}
        .p50{fill:none;stroke:#1a7f37;stroke-width:1.5;stroke-dasharray:2 2}.p95{fill:none;stroke:#bc4c00;stroke-width:1.5;stroke-dasharray:6 3}.p99{fill:none;stroke:#0550ae;stroke-width:2}
        .baseline-line{fill:none;stroke:#6e7781;stroke-width:1.5;stroke-dasharray:5 4}
        .fault-band{fill:#cf222e;fill-opacity:.08}.fault-line{stroke:#6639ba;stroke-width:2;stroke-dasharray:4 3}
        .fault-label,.marker-label{font-size:12px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
        .fault-label{fill:#512a97}
        .marker-detection,.marker-failover,.marker-recovery{stroke-width:2;stroke-dasharray:1 3}
        .marker-detection{stroke:#0550ae}.marker-failover{stroke:#953800}.marker-recovery{stroke:#116329}
        .marker-detection-text{fill:#0550ae}.marker-failover-text{fill:#953800}.marker-recovery-text{fill:#116329}
        .tick{font-size:12px;fill:#57606a}.axis{font-size:13px;fill:#1b1f24}.lane-label{font-size:12px;fill:#1b1f24}.lane-group{font-size:12px;font-weight:700;fill:#1b1f24}
        .lane-ready{fill:#2da44e}.lane-breaker-open{fill:#fb8f44}.lane-not-ready{fill:#d4a72c}.lane-paused{fill:#8c959f}.lane-down{fill:#cf222e}
        .threshold{fill:none;stroke:#cf222e;stroke-width:1.5;stroke-dasharray:6 4}.threshold-text{fill:#a40e26}
        .series-0{fill:none;stroke:#0550ae;stroke-width:2}.series-1{fill:none;stroke:#bc4c00;stroke-width:2}.series-2{fill:none;stroke:#1a7f37;stroke-width:2}.series-3{fill:none;stroke:#6639ba;stroke-width:2}
        .series-fill-0{fill:#b6e3ff}.series-fill-1{fill:#ffd8b5}.series-fill-2{fill:#aceebb}.series-fill-3{fill:#d8b9ff}.version-label{font-size:12px;fill:#1b1f24}
        .legend{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;font-size:.85rem;margin:.1rem 0 .8rem}
        .swatch{display:inline-block;width:1.4em;height:.8em;margin-right:.35em;vertical-align:middle;border-radius:2px}
        .swatch.ok,.swatch.lane-ready{background:#2da44e}.swatch.degraded,.swatch.lane-not-ready{background:#d4a72c}.swatch.error,.swatch.lane-down{background:#cf222e}
        .swatch.lane-breaker-open{background:#fb8f44}.swatch.lane-paused{background:#8c959f}.swatch.fault-band{background:#fbe5e7;border:2px dashed #6639ba}
        .swatch.error-rate{height:3px;background:#82071e}.swatch.p50{height:3px;background:#1a7f37}.swatch.p95{height:3px;background:#bc4c00}.swatch.p99{height:3px;background:#0550ae}
        .swatch.baseline-line{height:3px;background:#6e7781}.swatch.marker-detection{height:3px;background:#0550ae}.swatch.marker-failover{height:3px;background:#953800}.swatch.marker-recovery{height:3px;background:#116329}
        .swatch.series-0{height:3px;background:#0550ae}.swatch.series-1{height:3px;background:#bc4c00}.swatch.series-2{height:3px;background:#1a7f37}.swatch.series-3{height:3px;background:#6639ba}.swatch.threshold{height:3px;background:#cf222e}
        .panel{break-inside:avoid}.not-measured{color:#57606a;font-style:italic}
        .columns{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
        @media print{
          body{margin:0;max-width:none;font-size:10pt}
          header{color:#000;border:2px solid #000;background:none!important}
          h2{break-after:avoid}svg,table,.card,.panel{break-inside:avoid}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
          details{display:block}details>summary{display:none}
        }
        """;
}
