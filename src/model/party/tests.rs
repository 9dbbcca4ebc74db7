use super::*;

#[test]
fn every_economy_is_found_by_code_name_and_iso() {
    for e in Economy::ALL {
        assert_eq!(Economy::lookup(e.code()), Some(e), "{}", e.code());
        assert_eq!(Economy::lookup(e.name()), Some(e), "{}", e.name());
        assert_eq!(Economy::lookup(e.iso3()), Some(e), "{}", e.iso3());
        for alias in e.aliases() {
            assert_eq!(Economy::lookup(alias), Some(e), "{alias}");
        }
    }
}

#[test]
fn aliases_people_write() {
    for (s, e) in [
        ("Korea", Economy::Rok),
        ("Republic of Korea", Economy::Rok),
        ("Hong Kong, China", Economy::Hkc),
        ("HKC", Economy::Hkc),
        ("Viet Nam", Economy::Vn),
        ("Vietnam", Economy::Vn),
        ("Chinese Taipei", Economy::Ct),
        ("United States", Economy::Usa),
        ("Russian Federation", Economy::Rus),
        ("the Philippines", Economy::Phl),
        ("PNG", Economy::Png),
        ("People's Republic of China", Economy::Prc),
        ("China", Economy::Prc),
        ("Brunei", Economy::Bd),
    ] {
        assert_eq!(Economy::lookup(s), Some(e), "{s}");
    }
}

#[test]
fn organisations() {
    for (s, name) in [
        ("ICPO-Interpol", "INTERPOL"),
        ("Asia/Pacific Group on Money Laundering", "APG"),
        ("CTED", "UN CTED"),
        ("un cted", "UN CTED"),
        ("org:wco", "WCO"),
    ] {
        assert_eq!(Organisation::lookup(s).map(|o| o.name().to_string()), Some(name.to_string()), "{s}");
    }
    assert!(Organisation::lookup("org:").is_none());
}

#[test]
fn every_organisation_is_found_by_each_of_its_names() {
    for &(short, full, aliases) in ORGANISATIONS {
        for name in [short, full].into_iter().chain(aliases.iter().copied()) {
            let found = Organisation::lookup(name);
            assert_eq!(found.as_ref().map(Organisation::name), Some(short), "{name}");
            assert!(found.is_some_and(|o| o.is_known()), "{name}");
        }
    }
}

#[test]
fn slugs_are_stable() {
    assert_eq!(Party::Economy(Economy::Hkc).slug(), "hkc");
    assert_eq!("UN CTED".parse::<Party>().unwrap().slug(), "un-cted");
    assert_eq!("org:Pacific Islands Forum".parse::<Party>().unwrap().slug(), "pacific-islands-forum");
}

#[test]
fn economy_codes_are_unique_and_ordered_like_the_enum() {
    for (i, e) in Economy::ALL.iter().enumerate() {
        assert_eq!(*e as usize, i);
    }
    let mut codes: Vec<_> = Economy::ALL.iter().map(|e| e.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 21);
}

#[test]
fn serialises_as_it_displays() {
    for s in ["ROK", "Hong Kong, China", "WCO", "icao", "org:Friends of \"Safe\" Ports \\ Co."] {
        let party: Party = s.parse().unwrap();
        let json = serde_json::to_string(&party).unwrap();
        assert_eq!(json, serde_json::to_string(&party.to_string()).unwrap(), "{s}");
        assert_eq!(serde_json::from_str::<Party>(&json).unwrap(), party, "{s}");
    }
}
