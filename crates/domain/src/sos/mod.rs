//! The Secretary of State's captured images (92 Ill. Adm. Code 1030.140; rules P1–P6): who may
//! receive one and on what conditions, the case record an image may live in, secondary
//! dissemination, broad release to the public and photo arrays. Pure: the conditions each
//! request meets are computed here as facts; Cedar decides on them (`policies/sos.cedar`).

mod category;
mod forms;
mod holder;
mod investigation;
mod text;

pub use category::{Category, Condition, DeskForm, DeskRequest};
pub use forms::{
    ARRAY_POSITIONS, ArrayMember, ArrayMemberForm, Consent, ConsentForm, ImageRequest,
    ImageRequestForm, MAX_RETENTION_DAYS, Necessity, PhotoArray, PhotoArrayForm, RecipientCheck,
    ReleaseDecision, ReleaseDecisionForm, ReleaseForm, ReleaseRequest, ReleaseStatus,
    SosDissemination, SosDisseminationForm, SubjectRole,
};
pub use holder::{Dln, Lookup, LookupForm, SosHolder};
pub use investigation::Investigation;
pub use text::MIN_STATEMENT_LENGTH;

/// The disclaimer of 1030.140(b)(2)(C), verbatim. Every SOS image response carries it (P6), and
/// every image released to the public shows it (P4).
pub const DISCLAIMER: &str = "Only for use as authorized by 625 ILCS 5/6-110.1 and 92 Ill. Adm. Code 1030.140.  This information and image cannot be certified to be anything other than the information and image of the individual who presented himself or herself to the Secretary of State's Office with the required forms of identification.";

/// What a request for and the receipt of an SOS image binds the receiver to (1030.140(c)(3)).
pub const CONFIDENTIALITY_NOTICE: &str = "CONFIDENTIAL SOS IMAGE - 92 ILL. ADM. CODE 1030.140(c)(3): THE REQUEST FOR AND RECEIPT OF THIS IMAGE IS AN AGREEMENT TO KEEP IT CONFIDENTIAL AND TO ADHERE TO ALL ESTABLISHED LAW AND RULE REGARDING SOS IMAGES. IT IS KEPT ONLY IN THE CASE RECORD OF THE STATED INVESTIGATION, MAY BE PASSED ONLY TO ANOTHER ELIGIBLE CRIMINAL JUSTICE AGENCY FOR THAT INVESTIGATION, AND ITS IMPROPER DISCLOSURE IS PUNISHABLE UNDER 18 USC 2723 AND 2724.";
