//! Print the text careergraph's PDF reader gets from each file named (a debugging aid):
//! `cargo run --example read_pdf -- FILE.pdf…` (`-v` adds each line's page, column, bold, size).

fn main() {
    let mut verbose = false;
    for arg in std::env::args().skip(1) {
        if arg == "-v" {
            verbose = true;
            continue;
        }
        let bytes = match std::fs::read(&arg) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let start = std::time::Instant::now();
        match careergraph::read::read_pdf(&bytes) {
            Ok(doc) => {
                eprintln!(
                    "{arg}: {:.2} ms, {} lines, links {:?}",
                    start.elapsed().as_secs_f64() * 1e3,
                    doc.lines.len(),
                    doc.links
                );
                for (text, hint) in doc.text.split('\n').zip(&doc.lines) {
                    if verbose {
                        println!(
                            "p{} c{} {}{:>5.1} | {text}",
                            hint.page.unwrap_or(0),
                            hint.column.unwrap_or(0),
                            if hint.bold { "B" } else { " " },
                            hint.font_size.unwrap_or(0.0)
                        );
                    } else {
                        println!("{text}");
                    }
                }
            }
            Err(e) => eprintln!("{arg}: {e}"),
        }
    }
}
