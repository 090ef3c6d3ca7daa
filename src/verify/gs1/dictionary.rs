//! The GS1 Application Identifiers: format, role and pairing rules of each AI.
//!
//! The facts are those of the GS1 General Specifications as the GS1 Barcode Syntax Dictionary
//! states them (gs1/gs1-syntax-engine, Apache-2.0), rewritten as a table. Each row gives:
//!
//! - the AI or an AI range (`3100`-`3105`, all of the same length);
//! - flags: `*` the value has a predefined length, so no FNC1/GS follows it in element strings;
//!   `!` a GS1 identification key; `?` allowed as a GS1 Digital Link data attribute (query string);
//! - the format: components `N` (digits), `X` (character set 82), `Y` (character set 39) or `Z`
//!   (base64url), each of a fixed length (`N6`) or up to a maximum (`X..20`), optional when in
//!   brackets, followed by the checks (linters) that apply to it (`csum`, `yymmd0`, ...);
//! - attributes: `req=` (one of these AIs must be present; `+` joins AIs that must all be present;
//!   `n` matches any digit), `ex=` (none of these may be present), `dlpkey` (a Digital Link primary
//!   key, with the allowed sequences of key qualifiers after `=`, alternatives separated by `|`);
//! - a short title for display.

/// One row of the table: an AI or a range of AIs of the same length.
///
/// The row is one string of tab-separated fields (first AI, last AI, flags, format, attributes,
/// title), made by `d!`: a table of six `&str` per row is 48 bytes of pointers and lengths a row
/// (10 KB for the table) in the browser module; one string is 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AiDef {
    row: &'static str,
}

/// A row of the table from its six fields.
macro_rules! d {
    ($lo:literal, $hi:literal, $flags:literal, $spec:literal, $attrs:literal, $title:literal) => {
        AiDef {
            row: concat!($lo, "\t", $hi, "\t", $flags, "\t", $spec, "\t", $attrs, "\t", $title),
        }
    };
}

/// Every AI, in lexical order.
#[rustfmt::skip]
static TABLE: &[AiDef] = &[
    d!("00", "00", "*!?", "N18,csum", "dlpkey", "SSCC"),
    d!("01", "01", "*!?", "N14,csum", "ex=255,37 dlpkey=22,10,21|235", "GTIN"),
    d!("02", "02", "*?", "N14,csum", "ex=01,03 req=37", "CONTENT"),
    d!("03", "03", "*", "N14,csum", "ex=01,02,37", "MTO GTIN"),
    d!("10", "10", "?", "X..20", "req=01,02,03,8006,8026", "BATCH/LOT"),
    d!("11", "11", "*?", "N6,yymmd0", "req=01,02,03,8006,8026", "PROD DATE"),
    d!("12", "12", "*?", "N6,yymmd0", "req=8020", "DUE DATE"),
    d!("13", "13", "*?", "N6,yymmd0", "req=01,02,03,8006,8026", "PACK DATE"),
    d!("15", "15", "*?", "N6,yymmd0", "req=01,02,03,8006,8026", "BEST BEFORE or BEST BY"),
    d!("16", "16", "*?", "N6,yymmd0", "req=01,02,03,8006,8026", "SELL BY"),
    d!("17", "17", "*?", "N6,yymmd0", "req=01,02,03,255,8006,8026", "USE BY or EXPIRY"),
    d!("20", "20", "*?", "N2", "req=01,02,8006,8026", "VARIANT"),
    d!("21", "21", "", "X..20", "req=01,03,8006 ex=235", "SERIAL"),
    d!("22", "22", "", "X..20", "req=01", "CPV"),
    d!("235", "235", "", "X..28", "req=01", "TPX"),
    d!("240", "240", "?", "X..30", "req=01,02,8006,8026", "ADDITIONAL ID"),
    d!("241", "241", "?", "X..30", "req=01,02,8006,8026", "CUST. PART No."),
    d!("242", "242", "?", "N..6", "req=01,02,8006,8026", "MTO VARIANT"),
    d!("243", "243", "?", "X..20", "req=01", "PCN"),
    d!("250", "250", "?", "X..30", "req=01,8006 req=21", "SECONDARY SERIAL"),
    d!("251", "251", "?", "X..30", "req=01,8006", "REF. TO SOURCE"),
    d!("253", "253", "!?", "N13,csum [X..17]", "dlpkey", "GDTI"),
    d!("254", "254", "", "X..20", "req=414", "GLN EXTENSION COMPONENT"),
    d!("255", "255", "!?", "N13,csum [N..12]", "dlpkey ex=01,02,415,8006,8020,8026", "GCN"),
    d!("30", "30", "?", "N..8", "req=01,02", "VAR. COUNT"),
    d!("3100", "3105", "*?", "N6", "req=01,02 ex=310n", "NET WEIGHT (kg)"),
    d!("3110", "3115", "*?", "N6", "req=01,02 ex=311n", "LENGTH (m)"),
    d!("3120", "3125", "*?", "N6", "req=01,02 ex=312n", "WIDTH (m)"),
    d!("3130", "3135", "*?", "N6", "req=01,02 ex=313n", "HEIGHT (m)"),
    d!("3140", "3145", "*?", "N6", "req=01,02 ex=314n", "AREA (m²)"),
    d!("3150", "3155", "*?", "N6", "req=01,02 ex=315n", "NET VOLUME (l)"),
    d!("3160", "3165", "*?", "N6", "req=01,02 ex=316n", "NET VOLUME (m³)"),
    d!("3200", "3205", "*?", "N6", "req=01,02 ex=320n", "NET WEIGHT (lb)"),
    d!("3210", "3215", "*?", "N6", "req=01,02 ex=321n", "LENGTH (in)"),
    d!("3220", "3225", "*?", "N6", "req=01,02 ex=322n", "LENGTH (ft)"),
    d!("3230", "3235", "*?", "N6", "req=01,02 ex=323n", "LENGTH (yd)"),
    d!("3240", "3245", "*?", "N6", "req=01,02 ex=324n", "WIDTH (in)"),
    d!("3250", "3255", "*?", "N6", "req=01,02 ex=325n", "WIDTH (ft)"),
    d!("3260", "3265", "*?", "N6", "req=01,02 ex=326n", "WIDTH (yd)"),
    d!("3270", "3275", "*?", "N6", "req=01,02 ex=327n", "HEIGHT (in)"),
    d!("3280", "3285", "*?", "N6", "req=01,02 ex=328n", "HEIGHT (ft)"),
    d!("3290", "3295", "*?", "N6", "req=01,02 ex=329n", "HEIGHT (yd)"),
    d!("3300", "3305", "*?", "N6", "req=00,01 ex=330n", "GROSS WEIGHT (kg)"),
    d!("3310", "3315", "*?", "N6", "req=00,01 ex=331n", "LENGTH (m), log"),
    d!("3320", "3325", "*?", "N6", "req=00,01 ex=332n", "WIDTH (m), log"),
    d!("3330", "3335", "*?", "N6", "req=00,01 ex=333n", "HEIGHT (m), log"),
    d!("3340", "3345", "*?", "N6", "req=00,01 ex=334n", "AREA (m²), log"),
    d!("3350", "3355", "*?", "N6", "req=00,01 ex=335n", "VOLUME (l), log"),
    d!("3360", "3365", "*?", "N6", "req=00,01 ex=336n", "VOLUME (m³), log"),
    d!("3370", "3375", "*?", "N6", "req=01 ex=337n", "KG PER m²"),
    d!("3400", "3405", "*?", "N6", "req=00,01 ex=340n", "GROSS WEIGHT (lb)"),
    d!("3410", "3415", "*?", "N6", "req=00,01 ex=341n", "LENGTH (in), log"),
    d!("3420", "3425", "*?", "N6", "req=00,01 ex=342n", "LENGTH (ft), log"),
    d!("3430", "3435", "*?", "N6", "req=00,01 ex=343n", "LENGTH (yd), log"),
    d!("3440", "3445", "*?", "N6", "req=00,01 ex=344n", "WIDTH (in), log"),
    d!("3450", "3455", "*?", "N6", "req=00,01 ex=345n", "WIDTH (ft), log"),
    d!("3460", "3465", "*?", "N6", "req=00,01 ex=346n", "WIDTH (yd), log"),
    d!("3470", "3475", "*?", "N6", "req=00,01 ex=347n", "HEIGHT (in), log"),
    d!("3480", "3485", "*?", "N6", "req=00,01 ex=348n", "HEIGHT (ft), log"),
    d!("3490", "3495", "*?", "N6", "req=00,01 ex=349n", "HEIGHT (yd), log"),
    d!("3500", "3505", "*?", "N6", "req=01,02 ex=350n", "AREA (in²)"),
    d!("3510", "3515", "*?", "N6", "req=01,02 ex=351n", "AREA (ft²)"),
    d!("3520", "3525", "*?", "N6", "req=01,02 ex=352n", "AREA (yd²)"),
    d!("3530", "3535", "*?", "N6", "req=00,01 ex=353n", "AREA (in²), log"),
    d!("3540", "3545", "*?", "N6", "req=00,01 ex=354n", "AREA (ft²), log"),
    d!("3550", "3555", "*?", "N6", "req=00,01 ex=355n", "AREA (yd²), log"),
    d!("3560", "3565", "*?", "N6", "req=01,02 ex=356n", "NET WEIGHT (t oz)"),
    d!("3570", "3575", "*?", "N6", "req=01,02 ex=357n", "NET VOLUME (oz)"),
    d!("3600", "3605", "*?", "N6", "req=01,02 ex=360n", "NET VOLUME (qt)"),
    d!("3610", "3615", "*?", "N6", "req=01,02 ex=361n", "NET VOLUME (gal.)"),
    d!("3620", "3625", "*?", "N6", "req=00,01 ex=362n", "VOLUME (qt), log"),
    d!("3630", "3635", "*?", "N6", "req=00,01 ex=363n", "VOLUME (gal.), log"),
    d!("3640", "3645", "*?", "N6", "req=01,02 ex=364n", "VOLUME (in³)"),
    d!("3650", "3655", "*?", "N6", "req=01,02 ex=365n", "VOLUME (ft³)"),
    d!("3660", "3665", "*?", "N6", "req=01,02 ex=366n", "VOLUME (yd³)"),
    d!("3670", "3675", "*?", "N6", "req=00,01 ex=367n", "VOLUME (in³), log"),
    d!("3680", "3685", "*?", "N6", "req=00,01 ex=368n", "VOLUME (ft³), log"),
    d!("3690", "3695", "*?", "N6", "req=00,01 ex=369n", "VOLUME (yd³), log"),
    d!("37", "37", "?", "N..8", "req=00 req=02,8026", "COUNT"),
    d!("3900", "3909", "?", "N..15", "req=255,8020 ex=390n,391n,394n,8111", "AMOUNT"),
    d!("3910", "3919", "?", "N3,iso4217 N..15", "req=8020 ex=391n", "AMOUNT"),
    d!("3920", "3929", "?", "N..15", "req=01 req=30,31nn,32nn,35nn,36nn ex=392n,393n", "PRICE"),
    d!("3930", "3939", "?", "N3,iso4217 N..15", "req=30,31nn,32nn,35nn,36nn ex=393n", "PRICE"),
    d!("3940", "3943", "?", "N4", "req=255 ex=394n,8111", "PRCNT OFF"),
    d!("3950", "3955", "?", "N6", "req=30,31nn,32nn,35nn,36nn ex=392n,393n,395n,8005", "PRICE/UoM"),
    d!("400", "400", "?", "X..30", "", "ORDER NUMBER"),
    d!("401", "401", "!?", "X..30", "dlpkey", "GINC"),
    d!("402", "402", "!?", "N17,csum", "dlpkey", "GSIN"),
    d!("403", "403", "?", "X..30", "req=00", "ROUTE"),
    d!("410", "410", "*?", "N13,csum", "", "SHIP TO LOC"),
    d!("411", "411", "*?", "N13,csum", "", "BILL TO"),
    d!("412", "412", "*?", "N13,csum", "", "PURCHASE FROM"),
    d!("413", "413", "*?", "N13,csum", "", "SHIP FOR LOC"),
    d!("414", "414", "*!?", "N13,csum", "dlpkey=254|7040", "LOC No."),
    d!("415", "415", "*?", "N13,csum", "req=8020 dlpkey=8020", "PAY TO"),
    d!("416", "416", "*?", "N13,csum", "", "PROD/SERV LOC"),
    d!("417", "417", "*?", "N13,csum", "dlpkey=7040", "PARTY"),
    d!("420", "420", "?", "X..20", "ex=421", "SHIP TO POST"),
    d!("421", "421", "?", "N3,iso3166 X..9", "ex=4307", "SHIP TO POST"),
    d!("422", "422", "?", "N3,iso3166", "req=01,02,8006,8026 ex=426", "ORIGIN"),
    d!("423", "423", "?", "N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166", "req=01,02 ex=426", "COUNTRY - INITIAL PROCESS"),
    d!("424", "424", "?", "N3,iso3166", "req=01,02 ex=426", "COUNTRY - PROCESS"),
    d!("425", "425", "?", "N3,iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166 [N3],iso3166", "req=01,02 ex=426", "COUNTRY - DISASSEMBLY"),
    d!("426", "426", "?", "N3,iso3166", "req=01,02", "COUNTRY - FULL PROCESS"),
    d!("427", "427", "?", "X..3", "req=01,02 req=422", "ORIGIN SUBDIVISION"),
    d!("4300", "4300", "?", "X..35,pcenc", "req=00", "SHIP TO COMP"),
    d!("4301", "4301", "?", "X..35,pcenc", "req=00", "SHIP TO NAME"),
    d!("4302", "4302", "?", "X..70,pcenc", "req=00", "SHIP TO ADD1"),
    d!("4303", "4303", "?", "X..70,pcenc", "req=4302", "SHIP TO ADD2"),
    d!("4304", "4304", "?", "X..70,pcenc", "req=00", "SHIP TO SUB"),
    d!("4305", "4305", "?", "X..70,pcenc", "req=00", "SHIP TO LOC"),
    d!("4306", "4306", "?", "X..70,pcenc", "req=00", "SHIP TO REG"),
    d!("4307", "4307", "?", "X2,iso3166alpha2", "req=00", "SHIP TO COUNTRY"),
    d!("4308", "4308", "?", "X..30", "req=00", "SHIP TO PHONE"),
    d!("4309", "4309", "?", "N10,latitude N10,longitude", "req=00", "SHIP TO GEO"),
    d!("4310", "4310", "?", "X..35,pcenc", "req=00", "RTN TO COMP"),
    d!("4311", "4311", "?", "X..35,pcenc", "req=00", "RTN TO NAME"),
    d!("4312", "4312", "?", "X..70,pcenc", "req=00", "RTN TO ADD1"),
    d!("4313", "4313", "?", "X..70,pcenc", "req=4312", "RTN TO ADD2"),
    d!("4314", "4314", "?", "X..70,pcenc", "req=00", "RTN TO SUB"),
    d!("4315", "4315", "?", "X..70,pcenc", "req=00", "RTN TO LOC"),
    d!("4316", "4316", "?", "X..70,pcenc", "req=00", "RTN TO REG"),
    d!("4317", "4317", "?", "X2,iso3166alpha2", "req=00", "RTN TO COUNTRY"),
    d!("4318", "4318", "?", "X..20", "req=00", "RTN TO POST"),
    d!("4319", "4319", "?", "X..30", "req=00", "RTN TO PHONE"),
    d!("4320", "4320", "?", "X..35,pcenc", "req=00", "SRV DESCRIPTION"),
    d!("4321", "4321", "?", "N1,yesno", "req=00", "DANGEROUS GOODS"),
    d!("4322", "4322", "?", "N1,yesno", "req=00", "AUTH TO LEAVE"),
    d!("4323", "4323", "?", "N1,yesno", "req=00", "SIG REQUIRED"),
    d!("4324", "4324", "?", "N6,yymmd0 N4,hhmi", "req=00", "NOT BEF DEL DT"),
    d!("4325", "4325", "?", "N6,yymmd0 N4,hhmi", "req=00", "NOT AFT DEL DT"),
    d!("4326", "4326", "?", "N6,yymmdd", "req=00", "REL DATE"),
    d!("4330", "4330", "?", "N6 [X1],hyphen", "req=00 ex=4331", "MAX TEMP F."),
    d!("4331", "4331", "?", "N6 [X1],hyphen", "req=00 ex=4330", "MAX TEMP C."),
    d!("4332", "4332", "?", "N6 [X1],hyphen", "req=00 ex=4333", "MIN TEMP F."),
    d!("4333", "4333", "?", "N6 [X1],hyphen", "req=00 ex=4332", "MIN TEMP C."),
    d!("7001", "7001", "?", "N13", "req=01,02,8006,8026", "NSN"),
    d!("7002", "7002", "?", "X..30", "req=01,02", "MEAT CUT"),
    d!("7003", "7003", "?", "N6,yymmdd N4,hhmi", "req=01,02", "EXPIRY TIME"),
    d!("7004", "7004", "?", "N..4", "req=01 req=10", "ACTIVE POTENCY"),
    d!("7005", "7005", "?", "X..12", "req=01,02", "CATCH AREA"),
    d!("7006", "7006", "?", "N6,yymmdd", "req=01,02", "FIRST FREEZE DATE"),
    d!("7007", "7007", "?", "N6,yymmdd [N6],yymmdd", "req=01,02", "HARVEST DATE"),
    d!("7008", "7008", "?", "X..3", "req=01,02", "AQUATIC SPECIES"),
    d!("7009", "7009", "?", "X..10", "req=01,02", "FISHING GEAR TYPE"),
    d!("7010", "7010", "?", "X..2", "req=01,02", "PROD METHOD"),
    d!("7011", "7011", "?", "N6,yymmdd [N4],hhmi", "req=01,02", "TEST BY DATE"),
    d!("7020", "7020", "?", "X..20", "req=01,8006 req=416", "REFURB LOT"),
    d!("7021", "7021", "?", "X..20", "req=01,8006", "FUNC STAT"),
    d!("7022", "7022", "?", "X..20", "req=7021", "REV STAT"),
    d!("7023", "7023", "?", "X..30", "", "GIAI - ASSEMBLY"),
    d!("7030", "7039", "?", "N3,iso3166999 X..27", "req=01,02", "PROCESSOR #"),
    d!("7040", "7040", "", "N1 X1 X1 X1,importeridx", "", "UIC+EXT"),
    d!("7041", "7041", "", "X..4,packagetype", "req=00", "UFRGT UNIT TYPE"),
    d!("710", "710", "?", "X..20", "req=01", "NHRN PZN"),
    d!("711", "711", "?", "X..20", "req=01", "NHRN CIP"),
    d!("712", "712", "?", "X..20", "req=01", "NHRN CN"),
    d!("713", "713", "?", "X..20", "req=01", "NHRN DRN"),
    d!("714", "714", "?", "X..20", "req=01", "NHRN AIM"),
    d!("715", "715", "?", "X..20", "req=01", "NHRN NDC"),
    d!("716", "716", "?", "X..20", "req=01", "NHRN AIC"),
    d!("7230", "7239", "?", "X2 X..28", "req=01,8004", "CERT #"),
    d!("7240", "7240", "?", "X..20", "req=01,8006", "PROTOCOL"),
    d!("7241", "7241", "?", "N2,mediatype", "req=8017,8018", "AIDC MEDIA TYPE"),
    d!("7242", "7242", "?", "X..25", "req=8017,8018", "VCN"),
    d!("7250", "7250", "?", "N8,yyyymmdd", "req=8018 ex=7251", "DOB"),
    d!("7251", "7251", "?", "N8,yyyymmdd N4,hhmi", "req=8018 ex=7250", "DOB TIME"),
    d!("7252", "7252", "?", "N1,iso5218", "req=8018", "BIO SEX"),
    d!("7253", "7253", "?", "X..40,pcenc", "req=8017,8018 ex=7256,7259", "FAMILY NAME"),
    d!("7254", "7254", "?", "X..40,pcenc", "req=8017,8018 ex=7256,7259", "GIVEN NAME"),
    d!("7255", "7255", "?", "X..10", "req=8017,8018 ex=7256,7259", "SUFFIX"),
    d!("7256", "7256", "?", "X..90,pcenc", "req=8017,8018", "FULL NAME"),
    d!("7257", "7257", "?", "X..70,pcenc", "req=8018", "PERSON ADDR"),
    d!("7258", "7258", "?", "X3,posinseqslash", "req=8018+7259", "BIRTH SEQUENCE"),
    d!("7259", "7259", "?", "X..40,pcenc", "req=8018 ex=7256", "BABY"),
    d!("8001", "8001", "?", "N4,nonzero N5,nonzero N3,nonzero N1,winding N1", "req=01", "DIMENSIONS"),
    d!("8002", "8002", "?", "X..20", "", "CMT No."),
    d!("8003", "8003", "!?", "N1,zero N13,csum [X..16]", "dlpkey", "GRAI"),
    d!("8004", "8004", "!?", "X..30", "dlpkey=7040", "GIAI"),
    d!("8005", "8005", "?", "N6", "req=01,02", "PRICE PER UNIT"),
    d!("8006", "8006", "?", "N14,csum N4,pieceoftotal", "ex=01,37 dlpkey=22,10,21", "ITIP"),
    d!("8007", "8007", "?", "X..34,iban", "req=415", "IBAN"),
    d!("8008", "8008", "?", "N6,yymmdd N2,hh [N2],mi [N2],ss", "req=01,02", "PROD TIME"),
    d!("8009", "8009", "?", "X..50", "req=00,01", "OPTSEN"),
    d!("8010", "8010", "!?", "Y..30", "dlpkey=8011", "CPID"),
    d!("8011", "8011", "", "N..12,nozeroprefix", "req=8010", "CPID SERIAL"),
    d!("8012", "8012", "?", "X..20", "req=01,8006", "VERSION"),
    d!("8013", "8013", "!?", "X..25,csumalpha", "dlpkey", "GMN"),
    d!("8014", "8014", "", "X..25,csumalpha,hasnondigit", "req=01", "MUDI"),
    d!("8017", "8017", "!?", "N18,csum", "ex=8018 dlpkey=8019", "GSRN - PROVIDER"),
    d!("8018", "8018", "!?", "N18,csum", "ex=8017 dlpkey=8019", "GSRN - RECIPIENT"),
    d!("8019", "8019", "", "N..10", "req=8017,8018", "SRIN"),
    d!("8020", "8020", "", "X..25", "req=415", "REF No."),
    d!("8026", "8026", "?", "N14,csum N4,pieceoftotal", "req=37 ex=02,8006", "ITIP CONTENT"),
    d!("8030", "8030", "?", "Z..90", "req=00,01+21,253,255,8003,8004,8006+21,8010+8011,8017,8018", "DIGSIG"),
    d!("8110", "8110", "?", "X..70,couponcode", "", "COUPON CODE"),
    d!("8111", "8111", "?", "N4", "req=255", "POINTS"),
    d!("8112", "8112", "?", "X..70,couponposoffer", "", "PAPERLESS COUPON"),
    d!("8200", "8200", "", "X..70", "req=01", "PRODUCT URL"),
    d!("90", "90", "?", "X..30", "", "INTERNAL"),
    d!("91", "99", "?", "X..90", "", "INTERNAL"),
];

/// The definition of `ai` (2 to 4 digits), if it is an assigned GS1 Application Identifier.
pub fn lookup(ai: &str) -> Option<&'static AiDef> {
    if !(2..=4).contains(&ai.len()) || !ai.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Same-length all-digit strings compare as their numbers do.
    TABLE
        .iter()
        .find(|e| e.first().len() == ai.len() && e.first() <= ai && ai <= e.last())
}

/// The AI at the start of `data` (element strings carry no separator after an AI): AIs are
/// prefix-free, so at most one of the 2-, 3- and 4-digit prefixes is an AI.
pub fn lookup_prefix(data: &str) -> Option<(&str, &'static AiDef)> {
    (2..=4).find_map(|n| {
        let prefix = data.get(..n)?;
        lookup(prefix).map(|def| (prefix, def))
    })
}

/// The length of every AI that starts with these two digits (GS1 assigns AI lengths by their first
/// two digits), or `None` if no AI starts with them.
pub fn length_for_prefix(two_digits: &str) -> Option<usize> {
    TABLE
        .iter()
        .find(|e| {
            let (lo, hi) = (
                e.first().get(..2).unwrap_or(""),
                e.last().get(..2).unwrap_or(""),
            );
            two_digits.len() == 2 && lo <= two_digits && two_digits <= hi
        })
        .map(|e| e.first().len())
}

/// Every row of the table (for tests and documentation).
pub fn all() -> &'static [AiDef] {
    TABLE
}

/// The class of characters a component may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// `N`: digits.
    Numeric,
    /// `X`: GS1 character set 82.
    Cset82,
    /// `Y`: GS1 character set 39.
    Cset39,
    /// `Z`: the base64url alphabet (digital signatures).
    Base64Url,
}

/// One component of an AI's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    /// Which characters it may hold.
    pub charset: Charset,
    /// Its minimum length: the fixed length, or 1 for a variable component.
    pub min: usize,
    /// Its maximum length.
    pub max: usize,
    /// Whether it may be left out (only at the end of a value).
    pub optional: bool,
    /// The checks that apply to it, comma-separated (`csum`, `yymmd0`, ...).
    pub linters: &'static str,
}

impl AiDef {
    /// Field `i` of the row (see `d!`).
    fn field(&self, i: usize) -> &'static str {
        self.row.split('\t').nth(i).unwrap_or("")
    }

    /// The first AI of the row.
    pub fn first(&self) -> &'static str {
        self.field(0)
    }

    /// The last AI of the row (the same as [`first`](Self::first) for a single AI).
    pub fn last(&self) -> &'static str {
        self.field(1)
    }

    /// The flags (`*`, `!`, `?`).
    fn flags(&self) -> &'static str {
        self.field(2)
    }

    /// The format: components and their checks.
    fn spec(&self) -> &'static str {
        self.field(3)
    }

    /// The `req=`, `ex=` and `dlpkey` attributes.
    fn attrs(&self) -> &'static str {
        self.field(4)
    }

    /// A short title, such as `USE BY or EXPIRY`.
    pub fn title(&self) -> &'static str {
        self.field(5)
    }

    /// Whether the value has a predefined length (no separator needed after it).
    pub fn predefined_length(&self) -> bool {
        self.flags().contains('*')
    }

    /// Whether the AI may be a data attribute (query string) of a GS1 Digital Link URI.
    pub fn dl_attribute(&self) -> bool {
        self.flags().contains('?')
    }

    /// Whether the AI is a GS1 Digital Link primary key.
    pub fn dl_primary_key(&self) -> bool {
        self.attributes().any(|(k, _)| k == "dlpkey")
    }

    /// The allowed sequences of key qualifiers after this primary key (empty when none).
    pub fn dl_qualifier_sequences(&self) -> Vec<Vec<&'static str>> {
        self.attributes()
            .filter(|(k, _)| *k == "dlpkey")
            .flat_map(|(_, v)| v.split('|'))
            .filter(|alt| !alt.is_empty())
            .map(|alt| alt.split(',').collect())
            .collect()
    }

    /// Each `req=` attribute: one of its alternatives must be present; an alternative is a list of
    /// AI patterns that must all be present.
    pub fn requirements(&self) -> impl Iterator<Item = Vec<Vec<&'static str>>> {
        self.attributes()
            .filter(|(k, _)| *k == "req")
            .map(|(_, v)| v.split(',').map(|alt| alt.split('+').collect()).collect())
    }

    /// The AI patterns that may not be present together with this AI.
    pub fn exclusions(&self) -> impl Iterator<Item = &'static str> {
        self.attributes()
            .filter(|(k, _)| *k == "ex")
            .flat_map(|(_, v)| v.split(','))
    }

    /// The components of the value, in order.
    pub fn components(&self) -> impl Iterator<Item = Component> {
        self.spec().split_whitespace().filter_map(parse_component)
    }

    /// The total length of the value when every component has a fixed length and none is
    /// optional (the case for every AI with a predefined length).
    pub fn fixed_length(&self) -> Option<usize> {
        self.components().try_fold(0, |sum, c| {
            (c.min == c.max && !c.optional).then_some(sum + c.max)
        })
    }

    /// The longest value the AI allows.
    pub fn max_length(&self) -> usize {
        self.components().map(|c| c.max).sum()
    }

    fn attributes(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.attrs()
            .split_whitespace()
            .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
    }
}

/// Whether `ai` matches `pattern`, where `n` in a pattern matches any digit (`310n`, `31nn`).
pub fn matches_pattern(ai: &str, pattern: &str) -> bool {
    ai.len() == pattern.len()
        && ai
            .bytes()
            .zip(pattern.bytes())
            .all(|(a, p)| a == p || (p == b'n' && a.is_ascii_digit()))
}

/// `N14,csum`, `[X..17]`, `[N2],mi`: an optional opening bracket, the charset letter, a fixed
/// length or `..max`, an optional closing bracket, then comma-separated linters.
fn parse_component(token: &'static str) -> Option<Component> {
    let (optional, rest) = match token.strip_prefix('[') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (format, linters) = rest.split_once(',').unwrap_or((rest, ""));
    let format = format.trim_end_matches(']');
    let mut chars = format.chars();
    let charset = match chars.next()? {
        'N' => Charset::Numeric,
        'X' => Charset::Cset82,
        'Y' => Charset::Cset39,
        'Z' => Charset::Base64Url,
        _ => return None,
    };
    let len = chars.as_str();
    let (min, max) = match len.strip_prefix("..") {
        Some(m) => (1, m.parse().ok()?),
        None => {
            let n = len.parse().ok()?;
            (n, n)
        }
    };
    Some(Component {
        charset,
        min,
        max,
        optional,
        linters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_well_formed_and_prefix_free() {
        let mut ais = Vec::new();
        for e in TABLE {
            assert_eq!(e.first().len(), e.last().len(), "{}", e.first());
            assert!(e.first() <= e.last());
            let n = e.spec().split_whitespace().count();
            assert_eq!(e.components().count(), n, "{} spec {}", e.first(), e.spec());
            assert!(e.max_length() >= 1);
            if e.predefined_length() {
                assert!(e.fixed_length().is_some(), "{}", e.first());
            }
            let (lo, hi): (u32, u32) = (e.first().parse().unwrap(), e.last().parse().unwrap());
            for x in lo..=hi {
                ais.push(format!("{x:0width$}", width = e.first().len()));
            }
        }
        assert!(TABLE.windows(2).all(|w| w[0].last() < w[1].first()));
        for a in &ais {
            for b in &ais {
                assert!(
                    a == b || !b.starts_with(a.as_str()),
                    "{a} is a prefix of {b}"
                );
            }
            let def = lookup(a).unwrap();
            assert_eq!(length_for_prefix(&a[..2]), Some(a.len()));
            assert_eq!(lookup_prefix(&format!("{a}123")).unwrap().1, def);
        }
        assert!(ais.len() > 400, "{} AIs", ais.len());
    }

    #[test]
    fn roles_and_rules() {
        let gtin = lookup("01").unwrap();
        assert!(gtin.dl_primary_key() && gtin.predefined_length());
        assert_eq!(gtin.fixed_length(), Some(14));
        assert_eq!(
            gtin.dl_qualifier_sequences(),
            vec![vec!["22", "10", "21"], vec!["235"]]
        );
        let lot = lookup("10").unwrap();
        assert!(!lot.dl_primary_key() && lot.dl_attribute() && !lot.predefined_length());
        assert_eq!(lot.fixed_length(), None);
        assert_eq!(lot.max_length(), 20);
        let price = lookup("3923").unwrap();
        let req: Vec<_> = price.requirements().collect();
        assert_eq!(req.len(), 2);
        assert_eq!(req[1][1], vec!["31nn"]);
        assert!(matches_pattern("3103", "31nn") && !matches_pattern("3203", "31nn"));
        assert!(lookup("89").is_none() && lookup("999").is_none() && lookup("4").is_none());
        assert!(lookup("1a").is_none());
        assert_eq!(lookup("7035").unwrap().title(), "PROCESSOR #");
    }
}
