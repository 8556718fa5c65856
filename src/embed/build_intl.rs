//! Dates written by `Intl` at build time: the prerenderer has no browser,
//! so it asks Node's `Intl` (the build runs Node for its tools) to write
//! the dates and spans of years it was asked for, with the options the
//! live widget gives the browser's (`ui::dates`). The prerendered page
//! then reads as the live widget will, and nothing moves when it takes
//! over, in any language. Without Node the stand-ins stay (an ISO date for
//! a language other than English), with a warning.

use crate::core::date::{DatePoint, Precision};
use crate::ui::dates::{shows_era, Asked};
use std::io::Write;
use std::process::{Command, Stdio};

/// Reads one request per line (`p LANG PRECISION ERA DAY YEAR MONTH
/// DAY_OF_MONTH`, `r LANG PRECISION ERA DAY DAY`, `y LANG YEARS`; a DAY
/// counts days since 1970) and writes one line per request: the text, or
/// nothing where `Intl` refused.
const SCRIPT: &str = r#"
const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
const texts = lines.map(line => {
  const [kind, lang, ...rest] = line.split(" ");
  try {
    if (kind === "y") {
      return new Intl.NumberFormat(lang, { style: "unit", unit: "year", unitDisplay: "long" })
        .format(Number(rest[0]));
    }
    const [precision, era, first, second, month, day] = rest;
    const options = { timeZone: "UTC", year: "numeric" };
    if (precision !== "y") options.month = "long";
    if (precision === "d") options.day = "numeric";
    if (era === "1") options.era = "short";
    const format = new Intl.DateTimeFormat(lang, options);
    const [a, b] = [first, second].map(day => new Date(Number(day) * 86400000));
    if (kind === "r") return format.formatRange(a, b);
    if (!isNaN(a)) return format.format(a);
    // Deep time, beyond JavaScript's dates: as ui::dates writes it.
    const year = Number(second);
    const standIn = new Date(0);
    standIn.setUTCFullYear(year < 1 ? 0 : 2000, Number(month) - 1, Number(day));
    const number = new Intl.NumberFormat(lang).format(year < 1 ? 1 - year : year);
    return format.formatToParts(standIn).map(p => p.type === "year" ? number : p.value).join("");
  } catch {
    return "";
  }
});
process.stdout.write(texts.map(text => text.replace(/[\r\n]/g, " ")).join("\n") + "\n");
"#;

/// What Node's `Intl` writes for each of `asked` it can write.
pub fn written_by_node(asked: Vec<Asked>) -> Result<Vec<(Asked, String)>, String> {
    let asked: Vec<(Asked, String)> = asked
        .into_iter()
        .filter_map(|a| request(&a).map(|line| (a, line)))
        .collect();
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let mut node = Command::new("node")
        .args(["-e", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run node: {e}"))?;
    let input: String = asked.iter().map(|(_, line)| line.as_str()).collect();
    let mut stdin = node.stdin.take().expect("stdin is piped");
    // (Node reads all of it before it writes anything.)
    stdin
        .write_all(input.as_bytes())
        .map_err(|e| format!("node: {e}"))?;
    drop(stdin);
    let output = node.wait_with_output().map_err(|e| format!("node: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "node failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let written = String::from_utf8(output.stdout).map_err(|e| format!("node: {e}"))?;
    let texts: Vec<&str> = written.lines().collect();
    if texts.len() != asked.len() {
        return Err(format!(
            "node wrote {} dates for {} asked",
            texts.len(),
            asked.len()
        ));
    }
    Ok(asked
        .into_iter()
        .zip(texts)
        .filter(|(_, text)| !text.is_empty())
        .map(|((asked, _), text)| (asked, text.to_owned()))
        .collect())
}

/// The script's line for `asked`; none for a language tag that is not one
/// (it could not be a single word of the line).
fn request(asked: &Asked) -> Option<String> {
    let tag = |lang: &str| {
        (!lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then(|| lang.to_owned())
    };
    let precision = |p: &DatePoint| match p.precision() {
        Precision::Day => "d",
        Precision::Month => "m",
        Precision::Year => "y",
    };
    let era = |p: &DatePoint| u8::from(shows_era(p));
    Some(match asked {
        Asked::Point(lang, p) => format!(
            "p {} {} {} {} {} {} {}\n",
            tag(lang)?,
            precision(p),
            era(p),
            p.first_day(),
            p.year,
            p.month.unwrap_or(1),
            p.day.unwrap_or(1)
        ),
        Asked::Range(lang, a, b) => format!(
            "r {} {} {} {} {}\n",
            tag(lang)?,
            precision(a),
            era(a),
            a.first_day(),
            b.first_day()
        ),
        Asked::Years(lang, years) => format!("y {} {years}\n", tag(lang)?),
    })
}
