//! `sitrep entities` and `sitrep entity NAME` on the bundled samples.

mod common;
use common::*;

#[test]
fn entity_list_and_pages() {
    let (_d, db) = ingest_samples();
    let o = sitrep(&db, &["entities"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = stdout(&o);
    let nato = list
        .lines()
        .find(|l| l.contains("kb:nato"))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(nato.starts_with("ORG") && nato.contains("IGO"), "{nato}");

    // Any spelling finds the one entity; the page shows how the articles wrote it.
    let o = sitrep(&db, &["entity", "Vladimir Zelensky"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains("id: kb:volodymyr-zelensky"), "{page}");
    assert!(
        page.contains("country: UKR") && page.contains("sector: GOV"),
        "{page}"
    );
    assert!(page.contains("Vladimir Zelensky (1)"), "{page}");
    assert!(page.contains("REJECT") && page.contains("ATACMS"), "{page}");

    let o = sitrep(&db, &["entity", "no such person"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entity matches"), "{}", stderr(&o));
}
