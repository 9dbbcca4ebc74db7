use super::*;

/// Adds a line of 5-point-wide glyphs, words 3 points apart.
fn line(page: &mut Page, x: f64, y: f64, text: &str) {
    let mut at = x;
    for w in text.split(' ') {
        for (i, c) in w.chars().enumerate() {
            page.push(at + 5.0 * i as f64, y, 5.0, 10.0, &c.to_string());
        }
        at += 5.0 * w.chars().count() as f64 + 3.0;
    }
}

fn boxed(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<Rule> {
    vec![
        Rule::new((x0, y0), (x1, y0)),
        Rule::new((x0, y1), (x1, y1)),
        Rule::new((x0, y0), (x0, y1)),
        Rule::new((x1, y0), (x1, y1)),
    ]
}

#[test]
fn ruled_cells_are_read_cell_by_cell() {
    let mut page = Page::default();
    line(&mut page, 10.0, 20.0, "WHAT SPECIFIC NEEDS");
    line(&mut page, 210.0, 20.0, "Training on");
    line(&mut page, 10.0, 32.0, "DOES YOUR ECONOMY HAVE?");
    line(&mut page, 210.0, 32.0, "screening would help.");
    line(&mut page, 10.0, 70.0, "Page 1");
    page.rules.extend(boxed(5.0, 8.0, 200.0, 40.0));
    page.rules.extend(boxed(200.0, 8.0, 400.0, 40.0));
    assert_eq!(
        render(&lay_out(&page)),
        ["WHAT SPECIFIC NEEDS DOES YOUR ECONOMY HAVE?\tTraining on screening would help.", "", "Page 1"]
    );
}

#[test]
fn borderless_rows_and_struck_text() {
    let mut page = Page::default();
    line(&mut page, 10.0, 20.0, "ECONOMY:");
    line(&mut page, 210.0, 20.0, "Chile");
    line(&mut page, 10.0, 32.0, "WHAT SPECIFIC CAPACITY BUILDING NEEDS");
    line(&mut page, 210.0, 32.0, "Training on passenger");
    line(&mut page, 210.0, 44.0, "screening would be useful.");
    line(&mut page, 10.0, 90.0, "2012 4");
    // A line through the middle of the "4".
    page.rules.push(Rule::new((33.0, 87.0), (38.0, 87.0)));
    assert_eq!(
        render(&lay_out(&page)),
        [
            "ECONOMY:\tChile",
            "",
            "WHAT SPECIFIC CAPACITY BUILDING NEEDS\tTraining on passenger screening would be useful.",
            "",
            "2012"
        ]
    );
}

#[test]
fn markers() {
    for m in ["•", "-", "1.", "(2)", "a)", "iv.", "o", "\u{F0B7}", "[(1)]"] {
        assert!(is_marker(m), "{m}");
    }
    for m in ["A", "Training", "2012", "(WCO)", "e.g."] {
        assert!(!is_marker(m), "{m}");
    }
}
