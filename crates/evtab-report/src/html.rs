//! `report.html`: one self-contained page for reading the tables.
//!
//! Inline CSS and an inline SVG heatmap, no scripts and no network, so it
//! opens offline and from an e-mail attachment. Everything from a document
//! is HTML-escaped; nothing depends on the clock, so the page is as
//! reproducible as the CSVs.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use evtab_model::ThemeEvidence;
use rayon::prelude::*;

use crate::frames::Tables;

/// Escapes text for HTML content and attribute values. The escaped text
/// is written straight into the page: a report of many studies escapes
/// millions of values, and a `String` for each would double the work.
fn esc(s: &str) -> Escaped<'_> {
    Escaped(s)
}

/// Text that prints HTML-escaped.
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A fragment id made only of safe characters, so any study or theme id links.
fn anchor(theme: &str, study: &str) -> String {
    let safe = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect()
    };
    format!("ev-{}--{}", safe(theme), safe(study))
}

/// Shortens a label for the heatmap's fixed-width axis; the full text is in its tooltip.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

const CSS: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px 32px;color:#1f2933;line-height:1.4;font-size:14px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:2px solid #d9e2ec;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}p.note{color:#52606d;margin:4px 0 12px}
table{border-collapse:collapse;margin:8px 0;width:100%}
th,td{border:1px solid #d9e2ec;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#f0f4f8;font-weight:600}tr:nth-child(even) td{background:#fafbfc}
td.num{text-align:right;font-variant-numeric:tabular-nums}.missing{color:#9aa5b1}
td.small{font-size:12.5px;color:#323f4b}.id{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12.5px}
.summary span{display:inline-block;margin-right:18px}
svg text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}
svg a:hover rect{stroke:#102a43;stroke-width:2}
.evidence li{margin:3px 0}.evidence q{quotes:'“' '”'}.meta{color:#52606d;font-size:12.5px}
.sev-error{color:#ab091e;font-weight:600}.sev-warning{color:#b44d12}.sev-info{color:#52606d}
";

/// Shows a missing value as a grey dash (the CSV has an empty cell).
fn cell(value: Option<&str>) -> String {
    match value.filter(|v| !v.is_empty()) {
        Some(v) => esc(v).to_string(),
        None => "<span class=\"missing\">—</span>".to_string(),
    }
}

/// The whole page. `codebook_labels` maps synthesis theme ids to the
/// reviewer's labels; a theme without one is shown by its id.
pub fn report_html(tables: &Tables, codebook_labels: &[(String, String)]) -> String {
    report_html_parts(tables, codebook_labels).concat()
}

/// The page in consecutive parts, so a large report can be written out
/// part by part instead of being held twice. The sections are independent:
/// each is written on its own thread, and they come back in page order, so
/// the bytes do not depend on the threads.
pub(crate) fn report_html_parts(tables: &Tables, codebook_labels: &[(String, String)]) -> Vec<String> {
    let mut studies: Vec<&evtab_model::Study> = tables.studies.iter().collect();
    studies.sort_by(|a, b| a.study_id.cmp(&b.study_id));
    let mut head = String::new();
    head.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    head.push_str("<title>Evidence tables</title>\n<style>");
    head.push_str(CSS);
    head.push_str("</style>\n</head>\n<body>\n<h1>Evidence tables</h1>\n");
    let sections: [&(dyn Fn(&mut String) + Sync); 5] = [
        &|out| summary(out, tables, studies.len()),
        &|out| characteristics(out, &studies),
        &|out| participants(out, tables, &studies),
        &|out| heatmap(out, tables, &studies, codebook_labels),
        &|out| flags(out, tables),
    ];
    let body: Vec<String> = sections
        .par_iter()
        .map(|section| {
            let mut part = String::new();
            section(&mut part);
            part
        })
        .collect();
    std::iter::once(head).chain(body).chain(std::iter::once("</body>\n</html>\n".to_string())).collect()
}

fn summary(html: &mut String, t: &Tables, n_studies: usize) {
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &t.sources {
        *by_status.entry(s.status.name()).or_default() += 1;
    }
    let statuses: Vec<String> = by_status.iter().map(|(k, v)| format!("{v} {}", esc(k))).collect();
    let _ = writeln!(
        html,
        "<p class=\"summary\"><span><b>{n_studies}</b> studies</span><span><b>{}</b> documents ({})</span><span><b>{}</b> flags for review</span></p>",
        t.sources.len(),
        if statuses.is_empty() { "none".to_string() } else { statuses.join(", ") },
        t.flags.len()
    );
}

fn characteristics(html: &mut String, studies: &[&evtab_model::Study]) {
    html.push_str("<h2 id=\"studies\">Study characteristics</h2>\n");
    html.push_str("<table>\n<thead><tr><th>Study</th><th>Title and journal</th><th>Place and setting</th><th>Population</th><th>Aim</th><th>Design</th><th>Data collection</th><th>Analysis</th><th>N</th></tr></thead>\n<tbody>\n");
    for s in studies {
        let first = s.authors.first().map(|a| a.family.as_str());
        let who = match (first, s.year) {
            (Some(a), Some(y)) if s.authors.len() > 1 => format!("{} et al. {y}", esc(a)),
            (Some(a), Some(y)) => format!("{} {y}", esc(a)),
            (Some(a), None) => esc(a).to_string(),
            (None, Some(y)) => y.to_string(),
            (None, None) => String::new(),
        };
        let journal = s.journal.as_deref().map(|j| format!("<br><i>{}</i>", esc(j))).unwrap_or_default();
        let place: Vec<&str> = [s.city.as_deref(), s.country.as_deref()].into_iter().flatten().collect();
        let place = if place.is_empty() { None } else { Some(place.join(", ")) };
        let setting = s.setting.as_deref().map(|v| format!("<br>{}", esc(v))).unwrap_or_default();
        let n = s.n_participants.map(|n| n.to_string());
        let _ = writeln!(
            html,
            "<tr><td><span class=\"id\">{}</span><br>{who}</td><td>{}{journal}</td><td>{}{setting}</td><td>{}</td><td class=\"small\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&s.study_id),
            cell(s.title.as_deref()),
            cell(place.as_deref()),
            cell(s.population.as_deref()),
            cell(s.aim.as_deref()),
            cell(s.design.as_deref()),
            cell(s.data_collection.as_deref()),
            cell(s.analysis.as_deref()),
            cell(n.as_deref()),
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

fn participants(html: &mut String, t: &Tables, studies: &[&evtab_model::Study]) {
    html.push_str("<h2 id=\"participants\">Participants per study</h2>\n");
    html.push_str("<p class=\"note\">Hover a group to see the sentence it was read from.</p>\n");
    html.push_str("<table>\n<thead><tr><th>Study</th><th>Group</th><th>Category</th><th>n</th><th>Method</th></tr></thead>\n<tbody>\n");
    let mut groups_of: BTreeMap<&str, Vec<&evtab_model::ParticipantGroup>> = BTreeMap::new();
    for (id, g) in &t.participants {
        groups_of.entry(id.as_str()).or_default().push(g);
    }
    for s in studies {
        let groups = groups_of.get(s.study_id.as_str()).map_or(&[][..], Vec::as_slice);
        let stated = s
            .n_participants
            .map(|n| format!("<br><span class=\"meta\">{n} in total</span>"))
            .unwrap_or_default();
        if groups.is_empty() {
            let _ = writeln!(
                html,
                "<tr><td><span class=\"id\">{}</span>{stated}</td><td colspan=\"4\"><span class=\"missing\">no participant groups found</span></td></tr>",
                esc(&s.study_id)
            );
            continue;
        }
        for (i, g) in groups.iter().enumerate() {
            let study = if i == 0 {
                format!(
                    "<td rowspan=\"{}\"><span class=\"id\">{}</span>{stated}</td>",
                    groups.len(),
                    esc(&s.study_id)
                )
            } else {
                String::new()
            };
            let n = g.n.map(|n| n.to_string());
            let _ = writeln!(
                html,
                "<tr>{study}<td title=\"{} ({}, line {})\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&g.evidence),
                esc(&g.doc_id),
                g.line,
                esc(&g.group),
                esc(&g.category.replace('_', " ")),
                cell(n.as_deref()),
                cell(g.method.as_deref()),
            );
        }
    }
    html.push_str("</tbody>\n</table>\n");
}

/// Light-to-dark blue by the square root of the share of the largest count,
/// so one study with many sentences does not wash out the others; 0 is grey.
fn fill(count: usize, max: usize) -> (String, &'static str) {
    if count == 0 || max == 0 {
        return ("#f0f4f8".to_string(), "#9aa5b1");
    }
    let (lo, hi) = ((0xcf_u32, 0xe8_u32, 0xfb_u32), (0x0b_u32, 0x4f_u32, 0x9c_u32));
    // Per mille in integers, so the colour is the same on every machine.
    let share = u32::try_from((count.min(max) * 1_000_000 / max).isqrt()).unwrap_or(1000);
    let mix = |a: u32, b: u32| (a * (1000 - share) + b * share) / 1000;
    let colour = format!("#{:02x}{:02x}{:02x}", mix(lo.0, hi.0), mix(lo.1, hi.1), mix(lo.2, hi.2));
    (colour, if share > 450 { "#ffffff" } else { "#102a43" })
}

fn heatmap(html: &mut String, t: &Tables, studies: &[&evtab_model::Study], labels: &[(String, String)]) {
    html.push_str("<h2 id=\"themes\">Synthesis themes by study</h2>\n");
    let mut themes: Vec<&str> = Vec::new();
    for id in t.synthesis_themes.iter().chain(t.theme_evidence.iter().map(|e| &e.synthesis_theme)) {
        if !themes.contains(&id.as_str()) {
            themes.push(id);
        }
    }
    if themes.is_empty() || studies.is_empty() {
        html.push_str("<p class=\"note\">No synthesis themes or no studies in this run.</p>\n");
        return;
    }
    let label_of =
        |id: &str| labels.iter().find(|(k, _)| k == id).map_or(id, |(_, v)| v.as_str()).to_string();
    let mut evidence: BTreeMap<(&str, &str), Vec<&ThemeEvidence>> = BTreeMap::new();
    for e in &t.theme_evidence {
        evidence.entry((e.synthesis_theme.as_str(), e.study_id.as_str())).or_default().push(e);
    }
    let max = evidence.values().map(Vec::len).max().unwrap_or(0);
    html.push_str("<p class=\"note\">A cell counts the evidence sentences that tie a study to a theme (0: no support). Hover a cell for its evidence; click it to jump to the list below. Right: number of studies supporting the theme.</p>\n");

    const LABEL_CHARS: usize = 52;
    let (cell_w, cell_h, label_w, head_h) = (64usize, 30usize, 370usize, 110usize);
    let total_w = 56usize;
    let width = label_w + cell_w * studies.len() + total_w + 10;
    let height = head_h + cell_h * themes.len() + 10;
    let _ = writeln!(
        html,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Synthesis themes by study\">"
    );
    for (j, s) in studies.iter().enumerate() {
        let x = label_w + j * cell_w + cell_w / 2;
        let _ = writeln!(
            html,
            "<text x=\"{x}\" y=\"{}\" transform=\"rotate(-40 {x} {})\" font-size=\"13\" fill=\"#1f2933\">{}</text>",
            head_h - 8,
            head_h - 8,
            esc(&s.study_id)
        );
    }
    let _ = writeln!(
        html,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#1f2933\">studies</text>",
        label_w + cell_w * studies.len() + total_w / 2,
        head_h - 8
    );
    for (i, theme) in themes.iter().enumerate() {
        let y = head_h + i * cell_h;
        let label = label_of(theme);
        let _ = writeln!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2933\"><title>{} ({})</title>{}</text>",
            label_w - 10,
            y + cell_h / 2 + 5,
            esc(&label),
            esc(theme),
            esc(&shorten(&label, LABEL_CHARS))
        );
        let mut supporting = 0usize;
        for (j, s) in studies.iter().enumerate() {
            let x = label_w + j * cell_w;
            let rows = evidence.get(&(*theme, s.study_id.as_str())).map_or(&[][..], Vec::as_slice);
            let (bg, fg) = fill(rows.len(), max);
            let mut tip = format!("{} × {}: {} evidence sentence(s)", label, s.study_id, rows.len());
            for e in rows.iter().take(3) {
                let _ = write!(tip, "\n• {}", shorten(&e.evidence, 200));
            }
            if rows.len() > 3 {
                let _ = write!(tip, "\n… and {} more", rows.len() - 3);
            }
            let rect = format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{bg}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\" fill=\"{fg}\">{}</text>",
                x + 1,
                y + 1,
                cell_w - 2,
                cell_h - 2,
                x + cell_w / 2,
                y + cell_h / 2 + 5,
                rows.len()
            );
            if rows.is_empty() {
                let _ = writeln!(html, "<g><title>{}</title>{rect}</g>", esc(&tip));
            } else {
                supporting += 1;
                let _ = writeln!(
                    html,
                    "<a href=\"#{}\"><title>{}</title>{rect}</a>",
                    anchor(theme, &s.study_id),
                    esc(&tip)
                );
            }
        }
        let _ = writeln!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"#1f2933\">{supporting}</text>",
            label_w + cell_w * studies.len() + total_w / 2,
            y + cell_h / 2 + 5
        );
    }
    html.push_str("</svg>\n");
    evidence_lists(html, &themes, studies, &evidence, &label_of);
}

fn evidence_lists(
    html: &mut String,
    themes: &[&str],
    studies: &[&evtab_model::Study],
    evidence: &BTreeMap<(&str, &str), Vec<&ThemeEvidence>>,
    label_of: &dyn Fn(&str) -> String,
) {
    html.push_str("<h2 id=\"evidence\">Evidence for each theme</h2>\n<div class=\"evidence\">\n");
    for theme in themes {
        let supported: Vec<&&evtab_model::Study> =
            studies.iter().filter(|s| evidence.contains_key(&(*theme, s.study_id.as_str()))).collect();
        if supported.is_empty() {
            continue;
        }
        let label = label_of(theme);
        let id = if label == *theme {
            String::new()
        } else {
            format!(" <span class=\"meta\">({})</span>", esc(theme))
        };
        let _ = writeln!(html, "<h3>{}{id}</h3>", esc(&label));
        for s in supported {
            let _ = writeln!(
                html,
                "<div id=\"{}\"><b class=\"id\">{}</b>\n<ul>",
                anchor(theme, &s.study_id),
                esc(&s.study_id)
            );
            for e in evidence.get(&(*theme, s.study_id.as_str())).map_or(&[][..], Vec::as_slice) {
                let from = if e.study_theme.is_empty() {
                    String::new()
                } else {
                    format!("theme “{}”, ", esc(&e.study_theme))
                };
                let _ = writeln!(
                    html,
                    "<li><q>{}</q> <span class=\"meta\">— {from}{}, matched “{}”</span></li>",
                    esc(&e.evidence),
                    esc(&e.doc_id),
                    esc(&e.matched)
                );
            }
            html.push_str("</ul></div>\n");
        }
    }
    html.push_str("</div>\n");
}

fn flags(html: &mut String, t: &Tables) {
    html.push_str("<h2 id=\"flags\">Flags for review</h2>\n");
    if t.flags.is_empty() {
        html.push_str("<p class=\"note\">None.</p>\n");
        return;
    }
    let mut flags: Vec<&(String, evtab_model::Flag)> = t.flags.iter().collect();
    flags.sort_by(|(a_id, a), (b_id, b)| (b.severity, a_id, &a.field).cmp(&(a.severity, b_id, &b.field)));
    html.push_str("<table>\n<thead><tr><th>Study</th><th>Field</th><th>Severity</th><th>Kind</th><th>Message</th></tr></thead>\n<tbody>\n");
    for (study_id, f) in flags {
        let _ = writeln!(
            html,
            "<tr><td class=\"id\">{}</td><td>{}</td><td class=\"sev-{}\">{}</td><td>{}</td><td class=\"small\">{}</td></tr>",
            cell(Some(study_id)),
            esc(&f.field),
            f.severity.name(),
            f.severity.name(),
            f.kind.name().replace('_', " "),
            esc(&f.message)
        );
    }
    html.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_from_documents() {
        assert_eq!(
            esc("<b>\"x\" & 'y'</b>").to_string(),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn escaping_keeps_other_text_whole_including_non_ascii() {
        assert_eq!(esc("“Ça”<&>é''").to_string(), "“Ça”&lt;&amp;&gt;é&#39;&#39;");
        assert_eq!(esc("").to_string(), "");
        assert_eq!(esc("plain text").to_string(), "plain text");
    }

    #[test]
    fn colour_darkens_with_count_and_zero_is_grey() {
        assert_eq!(fill(0, 5).0, "#f0f4f8");
        assert_eq!(fill(5, 5).0, "#0b4f9c");
        assert_ne!(fill(1, 5).0, fill(4, 5).0);
    }

    #[test]
    fn anchors_are_safe_fragments() {
        assert_eq!(anchor("a b", "x\"y"), "ev-a-b--x-y");
    }
}
