//! GS1 Digital Links and element strings on arbitrary text: parsing never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use medproof::verify::date::CalendarDate;
use medproof::verify::gs1;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Some(today) = CalendarDate::new(2026, 3, 1) else {
        return;
    };
    let _ = gs1::parse(s, today);
});
