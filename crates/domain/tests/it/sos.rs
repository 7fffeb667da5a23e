//! The SOS forms' edits: a precise field error for bad input, conditions as facts.

use leads_domain::sos::{
    Category, Condition, DeskForm, DeskRequest, Dln, ImageRequest, ImageRequestForm, LookupForm,
};

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 22).unwrap()
}

#[test]
fn p1_licence_numbers_are_a_letter_and_eleven_digits() {
    assert_eq!(
        Dln::parse("s123-4567-8901").unwrap().as_str(),
        "S12345678901"
    );
    for bad in ["", "123456789012", "S1234", "S123-4567-890X"] {
        let error = Dln::parse(bad).unwrap_err();
        assert_eq!(error.tag(), "DLN", "{bad}");
    }
}

#[test]
fn p1_a_lookup_needs_dln_or_name_dob_and_sex() {
    let form = ImageRequestForm {
        holder: LookupForm {
            name: Some("DOE, JOHN".into()),
            dob: Some("19790704".into()),
            sex: None,
            dln: None,
        },
        subject_role: "suspect".into(),
        ..ImageRequestForm::default()
    };
    assert_eq!(
        ImageRequest::parse(&form, today()).unwrap_err().tag(),
        "SEX"
    );
    let mut bad_role = form.clone();
    bad_role.holder.sex = Some("M".into());
    bad_role.subject_role = "neighbour".into();
    assert_eq!(
        ImageRequest::parse(&bad_role, today())
            .unwrap_err()
            .to_string(),
        "ROL/neighbour INVALID CODE"
    );
}

#[test]
fn p1_desk_conditions_are_facts_not_edit_errors() {
    let form = DeskForm {
        category: "family_of_deceased".into(),
        requester: "PAT DOE, SPOUSE".into(),
        holder: LookupForm {
            dln: Some("D555-0101-2020".into()),
            ..LookupForm::default()
        },
        written_request: Some("WR-2026-0043".into()),
        ..DeskForm::default()
    };
    let request = DeskRequest::parse(&form, today()).unwrap();
    assert_eq!(request.category, Category::FamilyOfDeceased);
    assert_eq!(request.conditions, vec![Condition::WrittenRequest]);
    assert_eq!(
        request.category.citation(),
        "92 Ill. Adm. Code 1030.140(b)(1)(B)"
    );
    let mut short = form.clone();
    short.proof_of_death = Some("DC".into());
    assert_eq!(
        DeskRequest::parse(&short, today()).unwrap_err().tag(),
        "POD"
    );
    let mut unknown = form;
    unknown.category = "journalist".into();
    assert_eq!(
        DeskRequest::parse(&unknown, today()).unwrap_err().tag(),
        "CAT"
    );
}

#[test]
fn p3_a_photo_array_has_two_to_twelve_positions_each_checked() {
    use leads_domain::sos::{ArrayMember, ArrayMemberForm, PhotoArray, PhotoArrayForm};
    let form = |members: Vec<ArrayMemberForm>| PhotoArrayForm {
        case_number: "2026-0500".into(),
        members,
    };
    let one = PhotoArray::parse(&form(vec![ArrayMemberForm::CaseImage(1)])).unwrap_err();
    assert_eq!(one.tag(), "MEM");
    let blank_filler = PhotoArray::parse(&form(vec![
        ArrayMemberForm::CaseImage(1),
        ArrayMemberForm::Filler(" ".into()),
    ]))
    .unwrap_err();
    assert_eq!(blank_filler.tag(), "FIL");
    let array = PhotoArray::parse(&form(vec![
        ArrayMemberForm::CaseImage(1),
        ArrayMemberForm::Filler("booking photo 2291".into()),
    ]))
    .unwrap();
    assert_eq!(array.case.as_str(), "2026-0500");
    assert_eq!(array.members[0], ArrayMember::CaseImage(1));
    assert_eq!(array.members[1].describe(), "FILLER BOOKING PHOTO 2291");
}
