//! A batch allocates nothing per valid item (issue 11: "allocates nothing per
//! item"): the allocations of a batch of valid items do not grow with the
//! number of items. Counted by a global allocator of this test binary. (A
//! string with an escape in an item's `update` is the exception: its
//! unescaped text is made; escapes in the members skipped cost nothing.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations made by this thread while `COUNTING` is on (the test
    /// harness's other threads are not counted).
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn count() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RECORD: &str = r#"{"id":"550e8400-e29b-41d4-a716-446655440000","external_id":"crm-7741","type":"INDIVIDUAL","full_name":"Jane Doe","email":"jane@example.com","kyc_status":"VERIFIED","kyc_started_at":"2026-06-23T01:00:00Z","identity":{"verified_legal_name":"JANE DOE","verified_country":"AUS"},"aml":{"status":"CLEAR","flags":{"pep":false,"sanctions":false},"notes":[1,[2.5e3,{"a":[]}],"x\\u00e9"]},"added_via":"INTEGRATION"}"#;

/// Allocations made by one validate_batch of `n` copies of `item`.
fn allocations(item: &str, n: usize) -> (usize, ic_customer_contract::BatchReport) {
    let text = format!("[{}]", vec![item; n].join(","));
    ALLOCATIONS.with(|a| a.set(0));
    COUNTING.with(|c| c.set(true));
    let report = ic_customer_contract::validate_batch(&text, &[]);
    COUNTING.with(|c| c.set(false));
    (ALLOCATIONS.with(Cell::get), report)
}

#[test]
fn valid_items_allocate_nothing_each() {
    let items = [
        format!(
            r#"{{"update":{{"phone":"+61 2 9999 0000","risk":{{"isNewCustomer":false,"isDesignatedService":true,"handlesCashOrCrypto":false}}}},"current":{RECORD}}}"#
        ),
        r#"{"update":{"fullName":"Jane Q. Doe","email":"jane.q@example.org","phone":null}}"#
            .to_string(),
        r#"{"id":7,"update":{"fullName":"Ann é Lee 李","risk":{}},"current":null}"#.to_string(),
    ];
    for item in &items {
        let (small, report) = allocations(item, 10);
        assert_eq!(
            (report.total, report.valid, report.results.len()),
            (10, 10, 0),
            "{item}"
        );
        let (large, report) = allocations(item, 1000);
        assert_eq!(
            (report.total, report.valid, report.results.len()),
            (1000, 1000, 0),
            "{item}"
        );
        assert_eq!(
            small, large,
            "allocations for 10 and 1000 valid items: {item}"
        );
    }
}
