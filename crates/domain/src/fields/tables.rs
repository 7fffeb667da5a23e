//! The code tables of the fields that take a code (NCIC Code Manual style). Each table that
//! follows a published NCIC list is compared with that list, as NIEM publishes it, by
//! `crates/domain/tests/code_tables.rs` (fixtures under `tests/fixtures/code_tables`, each
//! naming its source); the tables that are ours say so here and in `docs/MESSAGES.md`.

use super::codes::CodeTable;

/// Eye colour (EYE).
pub static EYE: CodeTable = CodeTable {
    tag: "EYE",
    entries: &[
        ("BLK", "BLACK"),
        ("BLU", "BLUE"),
        ("BRO", "BROWN"),
        ("GRY", "GRAY"),
        ("GRN", "GREEN"),
        ("HAZ", "HAZEL"),
        ("MAR", "MAROON"),
        ("PNK", "PINK"),
        ("MUL", "MULTICOLORED"),
        ("XXX", "UNKNOWN"),
    ],
    retired: &[],
};

/// Hair colour (HAI).
pub static HAI: CodeTable = CodeTable {
    tag: "HAI",
    entries: &[
        ("BLK", "BLACK"),
        ("BLN", "BLOND OR STRAWBERRY"),
        ("BLU", "BLUE"),
        ("BRO", "BROWN"),
        ("GRN", "GREEN"),
        ("GRY", "GRAY OR PARTIALLY GRAY"),
        ("ONG", "ORANGE"),
        ("PLE", "PURPLE"),
        ("PNK", "PINK"),
        ("RED", "RED OR AUBURN"),
        ("SDY", "SANDY"),
        ("WHI", "WHITE"),
        ("XXX", "UNKNOWN OR COMPLETELY BALD"),
    ],
    retired: &[],
};

/// Skin tone (SKN).
pub static SKN: CodeTable = CodeTable {
    tag: "SKN",
    entries: &[
        ("ALB", "ALBINO"),
        ("BLK", "BLACK"),
        ("DBR", "DARK BROWN"),
        ("DRK", "DARK"),
        ("FAR", "FAIR"),
        ("LBR", "LIGHT BROWN"),
        ("LGT", "LIGHT"),
        ("MBR", "MEDIUM BROWN"),
        ("MED", "MEDIUM"),
        ("OLV", "OLIVE"),
        ("RUD", "RUDDY"),
        ("SAL", "SALLOW"),
        ("YEL", "YELLOW"),
    ],
    retired: &[],
};

#[rustfmt::skip]
/// States, territories and provinces: the first two characters of an ORI, and LIS, OLS. These
/// are NCIC's state and country codes (the LIS list) for the U.S. states, the District of
/// Columbia and the territories, the Canadian provinces, Mexico and the U.S. government; the
/// countries, Mexican states and tribal codes of the full list are not taken. NCIC's codes are
/// not always the postal ones: Nebraska is `NB`, Guam `GM`, Quebec `PQ`.
pub static STATES: CodeTable = CodeTable {
    tag: "LIS",
    entries: &[
        ("AL", "ALABAMA"), ("AK", "ALASKA"), ("AZ", "ARIZONA"), ("AR", "ARKANSAS"),
        ("CA", "CALIFORNIA"), ("CO", "COLORADO"), ("CT", "CONNECTICUT"), ("DE", "DELAWARE"),
        ("DC", "DISTRICT OF COLUMBIA"), ("FL", "FLORIDA"), ("GA", "GEORGIA"), ("HI", "HAWAII"),
        ("ID", "IDAHO"), ("IL", "ILLINOIS"), ("IN", "INDIANA"), ("IA", "IOWA"),
        ("KS", "KANSAS"), ("KY", "KENTUCKY"), ("LA", "LOUISIANA"), ("ME", "MAINE"),
        ("MD", "MARYLAND"), ("MA", "MASSACHUSETTS"), ("MI", "MICHIGAN"), ("MN", "MINNESOTA"),
        ("MS", "MISSISSIPPI"), ("MO", "MISSOURI"), ("MT", "MONTANA"), ("NB", "NEBRASKA"),
        ("NV", "NEVADA"), ("NH", "NEW HAMPSHIRE"), ("NJ", "NEW JERSEY"), ("NM", "NEW MEXICO"),
        ("NY", "NEW YORK"), ("NC", "NORTH CAROLINA"), ("ND", "NORTH DAKOTA"), ("OH", "OHIO"),
        ("OK", "OKLAHOMA"), ("OR", "OREGON"), ("PA", "PENNSYLVANIA"), ("RI", "RHODE ISLAND"),
        ("SC", "SOUTH CAROLINA"), ("SD", "SOUTH DAKOTA"), ("TN", "TENNESSEE"), ("TX", "TEXAS"),
        ("UT", "UTAH"), ("VT", "VERMONT"), ("VA", "VIRGINIA"), ("WA", "WASHINGTON"),
        ("WV", "WEST VIRGINIA"), ("WI", "WISCONSIN"), ("WY", "WYOMING"),
        ("AM", "AMERICAN SAMOA"), ("GM", "GUAM"), ("MK", "MARIANA ISLANDS"),
        ("PR", "PUERTO RICO"), ("VI", "U.S. VIRGIN ISLANDS"),
        ("AB", "ALBERTA"), ("BC", "BRITISH COLUMBIA"), ("MB", "MANITOBA"),
        ("NK", "NEW BRUNSWICK"), ("NF", "NEWFOUNDLAND"), ("NS", "NOVA SCOTIA"),
        ("NT", "NORTHWEST TERRITORIES"), ("ON", "ONTARIO"), ("PE", "PRINCE EDWARD ISLAND"),
        ("PQ", "QUEBEC"), ("SN", "SASKATCHEWAN"), ("YT", "YUKON"),
        ("MM", "MEXICO"), ("US", "UNITED STATES OF AMERICA"),
    ],
    retired: &["NE", "AS", "GU", "MP", "NL", "NU", "QC", "SK", "MX"],
};

/// Licence-plate type (LIT): NCIC's table. The meaning is the published name; where two codes
/// share a name (LE/LS, ML/MV) the published explanation tells them apart.
pub static LIT: CodeTable = CodeTable {
    tag: "LIT",
    entries: &[
        ("AM", "AMBULANCE"),
        ("AP", "APPORTIONED"),
        ("AQ", "ANTIQUE"),
        ("AR", "AMATEUR RADIO OR CITIZEN'S BAND RADIO OPERATOR"),
        ("AT", "ALL-TERRAIN VEHICLES"),
        ("BU", "BUS"),
        ("CC", "CONSULAR CORPS"),
        ("CI", "CITY-OWNED"),
        ("CL", "COLLEGIATE"),
        ("CM", "COMMEMORATIVE"),
        ("CN", "CONSERVATION"),
        ("CO", "COMMERCIAL"),
        ("CU", "COUNTY-OWNED VEHICLE"),
        ("DA", "DRIVE-AWAY"),
        ("DB", "DUNE BUGGY"),
        ("DD", "DENTIST"),
        ("DL", "DEALER"),
        ("DP", "DIPLOMATIC"),
        ("DU", "DUPLICATE,REISSUE,OR REPLACEMENT"),
        ("DV", "DISABLED VETERAN"),
        ("DX", "DISABLED PERSON"),
        ("EX", "EXEMPT"),
        ("FD", "FIRE DEPARTMENT"),
        ("FG", "FOREIGN GOVERNMENT"),
        ("FM", "FARM VEHICLE"),
        ("HI", "HEARING IMPAIRED"),
        ("IP", "INTERNATIONAL PLATE"),
        ("IT", "IN-TRANSIT"),
        ("JJ", "JUDGE OR JUSTICE"),
        ("LE", "LEGISLATIVE - U.S. CONGRESS"),
        ("LF", "LAW ENFORCEMENT"),
        ("LS", "LEGISLATIVE - STATE LEGISLATURE"),
        ("MC", "MOTORCYCLE"),
        ("MD", "MOTORCYCLE DEALER"),
        ("MF", "MANUFACTURER"),
        ("ML", "MILITARY VEHICLE - CANADIAN"),
        ("MP", "MOPED"),
        ("MR", "ARMED FORCES RESERVIST"),
        ("MV", "MILITARY VEHICLE - U.S."),
        ("MY", "MILITARY - AIRCRAFT"),
        ("NG", "NATIONAL GUARD"),
        ("NP", "CIVILIAN - NONPASSENGER AIRCRAFT"),
        ("OB", "OMNIBUS"),
        ("OR", "ORGANIZATION"),
        ("PC", "REGULAR PASSENGER AUTOMOBILE PLATES"),
        ("PE", "PERSONALIZED/CUSTOMIZED"),
        ("PF", "PROFESSIONS"),
        ("PH", "DOCTOR"),
        ("PP", "CIVILIAN,PASSENGER"),
        ("PR", "PRESS"),
        ("PS", "PROFESSIONAL SPORTS TEAM"),
        ("PX", "PHARMACIST"),
        ("RE", "RECIPROCAL OR RECIPROCITY"),
        ("RV", "RENTED VEHICLE OR TRAILER"),
        ("SC", "SPECIAL PURPOSE"),
        ("SN", "SNOWMOBILE"),
        ("ST", "STATE-OWNED VEHICLE"),
        ("SV", "SCHOOL VEHICLE"),
        ("TK", "TRUCK"),
        ("TL", "TRAILER"),
        ("TM", "TEMPORARY"),
        ("TP", "TRANSPORTER"),
        ("TR", "SEMITRUCK"),
        ("TX", "CAB"),
        ("US", "U.S. GOVERNMENT VEHICLES"),
        ("VF", "VETERAN"),
        ("ZZ", "ATV AND SNOWMOBILES"),
    ],
    retired: &[],
};

#[rustfmt::skip]
/// Vehicle colour (VCO): NCIC's table; one code, or two joined by `/` (top over bottom).
/// `MUL/COL` (multicoloured) is one code with a slash of its own.
pub static VCO: CodeTable = CodeTable {
    tag: "VCO",
    entries: &[
        ("AME", "AMETHYST (PURPLE)"), ("BGE", "BEIGE"), ("BLK", "BLACK"), ("BLU", "BLUE"),
        ("BRO", "BROWN"), ("BRZ", "BRONZE"), ("CAM", "CAMOUFLAGE"), ("COM", "CHROME"),
        ("CPR", "COPPER"), ("CRM", "CREAM"), ("DBL", "DARK BLUE"), ("DGR", "DARK GREEN"),
        ("GLD", "GOLD"), ("GRN", "GREEN"), ("GRY", "GRAY"), ("LAV", "LAVENDER-PURPLE"),
        ("LBL", "LIGHT BLUE"), ("LGR", "LIGHT GREEN"), ("MAR", "MAROON"),
        ("MUL/COL", "MULTI COLORED"), ("MVE", "MAUVE"), ("ONG", "ORANGE"), ("PLE", "PURPLE"),
        ("PNK", "PINK"), ("RED", "RED"), ("SIL", "SILVER"), ("TAN", "TAN"), ("TEA", "TEAL"),
        ("TPE", "TAUPE"), ("TRQ", "TURQUOISE"), ("WHI", "WHITE"), ("YEL", "YELLOW"),
    ],
    retired: &[],
};

/// Missing-person category (MNP): NCIC's table.
pub static MNP: CodeTable = CodeTable {
    tag: "MNP",
    entries: &[
        ("AA", "AMBER ALERT"),
        ("CA", "CHILD ABDUCTION"),
        ("DV", "DISASTER VICTIM"),
        ("MP", "MISSING PERSON"),
    ],
    retired: &[],
};

/// Missing-person circumstances (MPC): NCIC's table. (Disability, endangerment, involuntary
/// disappearance and catastrophe are told by the entry key, EMD/EME/EMI/EMV, not by MPC.)
pub static MPC: CodeTable = CodeTable {
    tag: "MPC",
    entries: &[
        (
            "F",
            "ADULT - FEDERALLY REQUIRED ENTRY UNDER THE AGE OF 21 REFER TO SUZANNE'S LAW",
        ),
        ("N", "ABDUCTED BY A NON-CUSTODIAL PARENT"),
        ("R", "RUNAWAY"),
        ("S", "ABDUCTED BY A STRANGER"),
    ],
    retired: &["D", "E", "I", "V", "U"],
};

/// Extradition limitation (EXL): NCIC's table, `01`-`06` for felony and `A`-`F` for
/// misdemeanor warrants.
pub static EXL: CodeTable = CodeTable {
    tag: "EXL",
    entries: &[
        ("01", "FELONY WARRANTS: FULL EXTRADITION"),
        ("02", "FELONY WARRANTS: LIMITED EXTRADITION SEE MIS FIELD"),
        (
            "03",
            "FELONY WARRANTS: EXTRADITION - SURROUNDING STATES ONLY",
        ),
        (
            "04",
            "FELONY WARRANTS: NO EXTRADITION - INSTATE PICK-UP ONLY. SEE MIS FIELD FOR LIMITS",
        ),
        (
            "05",
            "FELONY WARRANTS: EXTRADITION ARRANGEMENTS PENDING SEE MIS FIELD",
        ),
        ("06", "FELONY WARRANTS: PENDING EXTRADITION DETERMINATION"),
        ("A", "MISDEMEANOR WARRANTS: FULL EXTRADITION"),
        (
            "B",
            "MISDEMEANOR WARRANTS: LIMITED EXTRADITION SEE MIS FIELD",
        ),
        (
            "C",
            "MISDEMEANOR WARRANTS: EXTRADITION - SURROUNDING STATES ONLY",
        ),
        (
            "D",
            "MISDEMEANOR WARRANTS: NO EXTRADITION - INSTATE PICK-UP ONLY. SEE MIS FIELD FOR LIMITS",
        ),
        (
            "E",
            "MISDEMEANOR WARRANTS: EXTRADITION ARRANGEMENTS PENDING SEE MIS FIELD",
        ),
        (
            "F",
            "MISDEMEANOR WARRANTS: PENDING EXTRADITION DETERMINATION",
        ),
    ],
    retired: &["1", "2", "3", "4", "5", "6"],
};

/// Supporting document type (SDC, ours): what the record rests on (rule H2).
pub static SDC: CodeTable = CodeTable {
    tag: "SDC",
    entries: &[
        ("WAR", "ACTIVE WARRANT"),
        ("CMP", "COMPLAINT"),
        ("INV", "INVESTIGATIVE DOCUMENT"),
        ("TEL", "TELEPHONE REPORT BY VICTIM OR OWNER"),
    ],
    retired: &[],
};

/// Purpose of an inquiry (PUR, ours for hot files; after the III purpose codes). Rule D1.
pub static PUR: CodeTable = CodeTable {
    tag: "PUR",
    entries: &[
        ("C", "CRIMINAL INVESTIGATION OR ENFORCEMENT"),
        ("D", "DOMESTIC VIOLENCE OR STALKING"),
        ("F", "FIREARMS"),
        ("J", "CRIMINAL JUSTICE EMPLOYMENT"),
        ("S", "OFFICER OR PUBLIC SAFETY CONTACT"),
        ("X", "EXIGENT CIRCUMSTANCES"),
    ],
    retired: &[],
};

/// Confirmation priority (PRI) of a hit confirmation request (H6).
pub static PRI: CodeTable = CodeTable {
    tag: "PRI",
    entries: &[
        ("U", "URGENT - ANSWER WITHIN 10 MINUTES"),
        ("R", "ROUTINE - ANSWER WITHIN 1 HOUR"),
    ],
    retired: &[],
};

/// Request number (RNO) of a hit confirmation request: first, second or third (H6).
pub static RNO: CodeTable = CodeTable {
    tag: "RNO",
    entries: &[
        ("1", "FIRST REQUEST"),
        ("2", "SECOND REQUEST"),
        ("3", "THIRD REQUEST"),
    ],
    retired: &[],
};

/// The official class of an administrative message (AMC): 1240.80(b) forbids personal or
/// unofficial messages, so every AM states which official business it is. The classes marked
/// alert are the statewide broadcasts the Department sends (docs/MESSAGES.md).
pub static AMC: CodeTable = CodeTable {
    tag: "AMC",
    entries: &[
        ("AMB", "AMBER ALERT - CHILD ABDUCTION"),
        ("BLU", "BLUE ALERT - OFFICER ATTACKED, SUSPECT AT LARGE"),
        ("EMP", "ENDANGERED MISSING PERSON ADVISORY"),
        ("ATL", "ATTEMPT TO LOCATE - BE ON THE LOOKOUT"),
        ("INF", "CASE INFORMATION - REQUEST OR REPLY"),
        ("WEX", "WARRANT, EXTRADITION OR PRISONER TRANSPORT"),
        ("REC", "RECORDS AND HIT-CONFIRMATION FOLLOW-UP"),
        ("SYS", "LEADS SYSTEM NOTICE - OUTAGE, MAINTENANCE, CHANGE"),
        ("TRN", "TRAINING AND CERTIFICATION"),
        (
            "ADM",
            "AGENCY ADMINISTRATION - COORDINATORS, TERMINALS, AUDITS",
        ),
    ],
    retired: &[],
};

/// The request type (RTY) of a hit confirmation in the Nlets layout: which kind of record the
/// hit was on.
pub static RTY: CodeTable = CodeTable {
    tag: "RTY",
    entries: &[
        ("SV", "STOLEN OR FELONY VEHICLE"),
        ("WP", "WANTED PERSON"),
        ("PO", "PROTECTION ORDER"),
        ("MP", "MISSING PERSON"),
        ("SL", "STOLEN LICENSE PLATE"),
        ("SG", "STOLEN GUN"),
        ("SA", "STOLEN ARTICLE"),
        ("SS", "STOLEN SECURITY"),
        ("SB", "STOLEN BOAT"),
        ("SP", "STOLEN PART"),
    ],
    retired: &[],
};

/// The answer of a hit confirmation response (CNF, H6).
pub static CNF: CodeTable = CodeTable {
    tag: "CNF",
    entries: &[
        ("Y", "CONFIRMED"),
        ("N", "NOT CONFIRMED"),
        ("M", "MORE TIME NEEDED (MTM GIVES THE MINUTES)"),
    ],
    retired: &[],
};

/// Image type (IMT): the bulletin names M = mugshot; S and I follow the NCIC image types.
pub static IMT: CodeTable = CodeTable {
    tag: "IMT",
    entries: &[
        ("M", "MUGSHOT"),
        ("S", "SIGNATURE"),
        ("I", "IDENTIFYING IMAGE (SCAR, MARK, TATTOO)"),
    ],
    retired: &[],
};

/// Expanded date-of-birth search flag (EXD, ours).
pub static EXD: CodeTable = CodeTable {
    tag: "EXD",
    entries: &[("Y", "DOB PLUS OR MINUS ONE YEAR"), ("N", "EXACT DOB")],
    retired: &[],
};

/// Registrant status (RGS, ours).
pub static RGS: CodeTable = CodeTable {
    tag: "RGS",
    entries: &[
        ("C", "COMPLIANT"),
        ("N", "NON-COMPLIANT"),
        ("A", "ABSCONDED"),
        ("I", "INCARCERATED"),
    ],
    retired: &[],
};
