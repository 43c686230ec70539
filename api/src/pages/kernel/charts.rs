//! Charts drawn on the server as SVG: no chart script, nothing fetched from elsewhere. Each chart
//! has a title and a description that screen readers announce (`role="img"` labelled by both),
//! and the page shows the same numbers as a table beside it. This module only lays shapes out;
//! the templates `chart_bars.html` and `chart_columns.html` draw them, escaping every text.

/// The width of every chart, in SVG units; the page scales it to the column it sits in.
pub const WIDTH: u32 = 400;

/// One part of a stacked bar: a share of its row, drawn in its series' colour.
pub struct Segment {
    pub x: f64,
    pub width: f64,
    /// The CSS class giving the series' colour.
    pub class: &'static str,
    pub value: i64,
    /// The series' name, for the segment's tooltip.
    pub series: String,
    /// Whether the number fits inside the segment.
    pub labelled: bool,
}

impl Segment {
    pub fn middle(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// One row of a stacked-bar chart: a label above a bar.
pub struct BarRow {
    pub label: String,
    pub lang: Option<&'static str>,
    pub total: String,
    pub label_y: u32,
    pub bar_y: u32,
    pub segments: Vec<Segment>,
}

/// A legend entry: a swatch and the series' name.
pub struct LegendEntry {
    pub x: u32,
    pub y: u32,
    pub class: &'static str,
    pub series: String,
}

/// Horizontal bars, one per row, each split into series (companies by state, per pavilion).
pub struct StackedBars {
    pub id: String,
    pub title: String,
    pub description: String,
    pub height: u32,
    pub legend: Vec<LegendEntry>,
    pub rows: Vec<BarRow>,
}

/// One row's input to [`StackedBars::new`].
pub struct BarInput {
    pub label: String,
    pub lang: Option<&'static str>,
    /// How the row's total is written (e.g. "12 companies").
    pub total: String,
    pub values: Vec<i64>,
}

const ROW_HEIGHT: u32 = 40;
const BAR_HEIGHT: u32 = 16;
/// The legend: two entries a line (the states' names are long, in English at least).
const LEGEND_PER_LINE: u32 = 2;
const LEGEND_LINE: u32 = 18;
/// Narrower than this, a segment's number would not fit inside it.
const LABEL_ROOM: f64 = 22.0;

impl StackedBars {
    /// Lays `rows` out; `series` names each value of a row and gives its colour class. Bars share
    /// one scale (the largest row fills the width), so rows compare by length.
    pub fn new(
        id: &str,
        title: String,
        description: String,
        series: &[(&'static str, String)],
        rows: Vec<BarInput>,
    ) -> Self {
        let largest = rows.iter().map(|row| row.values.iter().sum::<i64>()).max().unwrap_or(0).max(1);
        let scale = f64::from(WIDTH) / largest as f64;
        let legend: Vec<LegendEntry> = series
            .iter()
            .zip(0..)
            .map(|((class, name), i)| LegendEntry {
                x: (i % LEGEND_PER_LINE) * (WIDTH / LEGEND_PER_LINE),
                y: (i / LEGEND_PER_LINE) * LEGEND_LINE + 4,
                class,
                series: name.clone(),
            })
            .collect();
        let legend_height = u32::try_from(series.len()).unwrap_or(0).div_ceil(LEGEND_PER_LINE) * LEGEND_LINE + 10;
        let laid = rows
            .into_iter()
            .zip(0..)
            .map(|(row, i)| {
                let top = legend_height + i * ROW_HEIGHT;
                let mut x = 0.0;
                let segments = row
                    .values
                    .iter()
                    .zip(series)
                    .filter(|(value, _)| **value > 0)
                    .map(|(value, (class, name))| {
                        let width = *value as f64 * scale;
                        let segment = Segment {
                            x,
                            width,
                            class,
                            value: *value,
                            series: name.clone(),
                            labelled: width >= LABEL_ROOM,
                        };
                        x += width;
                        segment
                    })
                    .collect();
                BarRow {
                    label: shorten(&row.label, 40),
                    lang: row.lang,
                    total: row.total,
                    label_y: top + 13,
                    bar_y: top + 18,
                    segments,
                }
            })
            .collect::<Vec<_>>();
        let count = u32::try_from(laid.len()).unwrap_or(u32::MAX);
        Self {
            id: id.to_owned(),
            title,
            description,
            height: legend_height + count.saturating_mul(ROW_HEIGHT).max(ROW_HEIGHT),
            legend,
            rows: laid,
        }
    }

    pub fn bar_height(&self) -> u32 {
        BAR_HEIGHT
    }

    pub fn width(&self) -> u32 {
        WIDTH
    }
}

/// One column of a column chart.
pub struct Column {
    pub x: f64,
    pub width: f64,
    pub y: f64,
    pub height: f64,
    pub label: String,
    pub value: i64,
}

impl Column {
    pub fn middle(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// Vertical columns over labelled bands (a distribution: companies by completeness).
pub struct Columns {
    pub id: String,
    pub title: String,
    pub description: String,
    pub columns: Vec<Column>,
    /// Where the columns stand, and where their labels go.
    pub baseline: u32,
    pub height: u32,
}

const COLUMN_AREA: f64 = 150.0;
const COLUMN_TOP: f64 = 20.0;

impl Columns {
    /// Lays out one column per (label, value), scaled so the largest reaches the top.
    pub fn new(id: &str, title: String, description: String, values: Vec<(String, i64)>) -> Self {
        let largest = values.iter().map(|(_, value)| *value).max().unwrap_or(0).max(1);
        let slot = f64::from(WIDTH) / values.len().max(1) as f64;
        let baseline = COLUMN_TOP + COLUMN_AREA;
        let columns = values
            .into_iter()
            .zip(0..)
            .map(|((label, value), i)| {
                let height = value as f64 / largest as f64 * COLUMN_AREA;
                Column {
                    x: f64::from(i) * slot + slot * 0.15,
                    width: slot * 0.7,
                    y: baseline - height,
                    height,
                    label,
                    value,
                }
            })
            .collect();
        Self { id: id.to_owned(), title, description, columns, baseline: baseline as u32, height: baseline as u32 + 24 }
    }

    pub fn width(&self) -> u32 {
        WIDTH
    }
}

/// At most `chars` characters, an ellipsis marking the cut (the table beside says it whole).
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(chars - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_share_one_scale_and_skip_empty_series() {
        let series = [("a", "A".to_owned()), ("b", "B".to_owned())];
        let chart = StackedBars::new(
            "c",
            "t".into(),
            "d".into(),
            &series,
            vec![
                BarInput { label: "full".into(), lang: None, total: "10".into(), values: vec![5, 5] },
                BarInput { label: "half".into(), lang: None, total: "5".into(), values: vec![0, 5] },
            ],
        );
        assert_eq!(chart.rows[0].segments.len(), 2);
        assert_eq!(chart.rows[0].segments[1].x, 200.0);
        assert_eq!(chart.rows[1].segments.len(), 1);
        assert_eq!(chart.rows[1].segments[0].width, 200.0);
        assert_eq!(chart.rows[1].segments[0].class, "b");
    }

    #[test]
    fn the_largest_column_reaches_the_top_and_an_empty_chart_draws_nothing_tall() {
        let chart = Columns::new("c", "t".into(), "d".into(), vec![("x".into(), 4), ("y".into(), 2), ("z".into(), 0)]);
        assert_eq!(chart.columns[0].y, COLUMN_TOP);
        assert_eq!(chart.columns[1].height, COLUMN_AREA / 2.0);
        assert_eq!(chart.columns[2].height, 0.0);
        let empty = Columns::new("e", "t".into(), "d".into(), vec![("x".into(), 0)]);
        assert_eq!(empty.columns[0].height, 0.0);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("Hangzhou", 40), "Hangzhou");
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
