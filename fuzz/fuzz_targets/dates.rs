//! Dates: never a panic, never an impossible date, and the ISO form reads
//! back as the same date.
#![no_main]

use evtab_normalise::parse_date;
use libfuzzer_sys::fuzz_target;

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][usize::from(month - 1)]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(date) = parse_date(text) {
        if let Some(month) = date.month {
            assert!((1..=12).contains(&month), "{date:?}");
            if let Some(day) = date.day {
                assert!(day >= 1 && day <= days_in_month(date.year, month), "{date:?} from {text:?}");
            }
        } else {
            assert!(date.day.is_none(), "{date:?}");
        }
        assert_eq!(parse_date(&date.iso()), Some(date), "ISO form {} reads differently", date.iso());
    }
});
