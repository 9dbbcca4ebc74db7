//! Contact points: "Contact Point: Name: … Title: …", "Telephone Number: … Fax Number:
//! … Email Address: …", on one line or several, glued together or blank.

use crate::Contact;

/// Which contact field a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Title,
    Telephone,
    Fax,
    Email,
}

/// Field labels, longest first where one is a prefix of another.
const LABELS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("title", Field::Title),
    ("position", Field::Title),
    ("telephone number", Field::Telephone),
    ("telephone no.", Field::Telephone),
    ("telephone no", Field::Telephone),
    ("telephone", Field::Telephone),
    ("tel. no.", Field::Telephone),
    ("tel. no", Field::Telephone),
    ("tel.", Field::Telephone),
    ("tel", Field::Telephone),
    ("phone number", Field::Telephone),
    ("phone", Field::Telephone),
    ("fax number", Field::Fax),
    ("fax no.", Field::Fax),
    ("fax no", Field::Fax),
    ("fax", Field::Fax),
    ("email address", Field::Email),
    ("e-mail address", Field::Email),
    ("email -address", Field::Email),
    ("email-address", Field::Email),
    ("e-mail", Field::Email),
    ("email", Field::Email),
];

/// A label found in a line: where it starts, where its value starts, which field.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    value: usize,
    field: Field,
}

/// Finds `label` + optional spaces + `:` in `lower` (an ASCII-lower-cased copy of the
/// line, so byte offsets agree with the line).
fn find_labels(lower: &str) -> Vec<Found> {
    let bytes = lower.as_bytes();
    let mut found: Vec<Found> = Vec::new();
    // Every label ends with ':' after optional spaces: start from the colons.
    for (colon, _) in lower.match_indices(':') {
        let mut end = colon;
        while end > 0 && bytes[end - 1] == b' ' {
            end -= 1;
        }
        let head = &lower[..end];
        let hit =
            LABELS.iter().filter(|(label, _)| head.ends_with(label)).max_by_key(|(label, _)| label.len());
        if let Some((label, field)) = hit {
            let start = end - label.len();
            found.push(Found { start, value: colon + 1, field: *field });
        }
    }
    found
}

/// What a line holds for a contact: the role written before the first field, and the
/// fields in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ContactLine {
    /// "Contact Point", "Emergency Aviation Security Point of Contact", …
    pub role: Option<String>,
    fields: Vec<(FieldValue, Option<String>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FieldValue(Field);

/// Reads a contact line, or `None` if the line is not one.
///
/// A contact line starts with a role naming a contact ("Contact Point", "… Point of
/// Contact", "Contact person") or with a field label (Name, Telephone, Fax, Email),
/// and has at least one field label.
///
pub(crate) fn parse_line(text: &str) -> Option<ContactLine> {
    if !text.contains(':') {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let mut found = find_labels(&lower);
    // A label glued to the word before counts only where a flattened table glued a
    // capitalised label to the previous value ("JessicaTitle:"), not in "Surname:".
    found.retain(|f| {
        f.start == 0
            || !lower.as_bytes()[f.start - 1].is_ascii_alphanumeric()
            || text.as_bytes().get(f.start).is_some_and(u8::is_ascii_uppercase)
    });
    let first = found.first()?;
    let prefix = text[..first.start].trim().trim_end_matches([':', '-']).trim();
    let prefix_lower = prefix.to_ascii_lowercase();
    // A role is one phrase: "A.1 Protect Cargo: Contact Point" is a heading first.
    let role_ok = prefix.is_empty()
        || (prefix_lower.contains("contact")
            && !prefix.contains(':')
            && prefix.split_whitespace().count() <= 14)
        || prefix_lower == "focal point";
    if !role_ok {
        return None;
    }
    // A line that starts with "Name:"/"Title:" alone is a contact only if another
    // field follows or it is a telephone/fax/email line.
    if prefix.is_empty() && matches!(first.field, Field::Name | Field::Title) && found.len() < 2 {
        return None;
    }
    let mut fields = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(text.len(), |n| n.start);
        let value = value_of(text.get(f.value..end).unwrap_or(""));
        fields.push((FieldValue(f.field), value));
    }
    let role = (!prefix.is_empty()).then(|| prefix.to_string());
    Some(ContactLine { role, fields })
}

/// A field's value, or `None` when it is blank or only underscores.
fn value_of(raw: &str) -> Option<String> {
    let v = raw.trim().trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    let blank = v.chars().all(|c| matches!(c, '_' | '.' | '-' | ' ' | '…'));
    (!blank).then(|| v.trim_end_matches('_').trim().to_string())
}

/// Collects contact lines into contacts.
#[derive(Debug, Default)]
pub(crate) struct ContactBuilder {
    current: Option<Contact>,
    /// The field the last value went to, for values that wrap onto the next line.
    last: Option<Field>,
    done: Vec<Contact>,
}

impl ContactBuilder {
    /// Adds a contact line; `section` is the section the contact is given for.
    pub(crate) fn add(&mut self, line: ContactLine, section: Option<&crate::Section>) {
        if line.role.is_some() {
            self.finish();
        }
        for (FieldValue(field), value) in line.fields {
            let starts_new = self.current.as_ref().is_some_and(|c| match field {
                Field::Name => c.name.is_some() || c.telephone.is_some() || c.email.is_some(),
                Field::Title => c.title.is_some(),
                Field::Telephone => c.telephone.is_some(),
                Field::Fax => c.fax.is_some(),
                Field::Email => c.email.is_some(),
            });
            if starts_new {
                self.finish();
            }
            let c = self.current.get_or_insert_with(|| Contact {
                section: section.cloned(),
                role: line.role.clone(),
                ..Contact::default()
            });
            let slot = match field {
                Field::Name => &mut c.name,
                Field::Title => &mut c.title,
                Field::Telephone => &mut c.telephone,
                Field::Fax => &mut c.fax,
                Field::Email => &mut c.email,
            };
            if value.is_some() {
                *slot = value;
            }
            self.last = Some(field);
        }
        if self.current.is_none() {
            // A role line with no fields yet ("Contact Point:" alone).
            self.current = Some(Contact { section: section.cloned(), role: line.role, ..Contact::default() });
        }
    }

    /// Appends a wrapped value ("Title: Director, Bureau of" / "Customs Intelligence")
    /// to the field filled last. Returns false when there is nothing to append to.
    pub(crate) fn continue_value(&mut self, text: &str) -> bool {
        let (Some(c), Some(field)) = (self.current.as_mut(), self.last) else {
            return false;
        };
        let slot = match field {
            Field::Name => &mut c.name,
            Field::Title => &mut c.title,
            Field::Telephone => &mut c.telephone,
            Field::Fax => &mut c.fax,
            Field::Email => &mut c.email,
        };
        match slot {
            Some(v) => {
                v.push(' ');
                v.push_str(text.trim());
            }
            None => *slot = Some(text.trim().to_string()),
        }
        true
    }

    /// Whether a contact is open.
    pub(crate) fn is_open(&self) -> bool {
        self.current.is_some()
    }

    /// Whether the last field of the open contact was left without a value ("Email
    /// Address:" at the end of a line, the address on the next).
    pub(crate) fn awaits_value(&self) -> bool {
        let (Some(c), Some(field)) = (self.current.as_ref(), self.last) else {
            return false;
        };
        match field {
            Field::Name => c.name.is_none(),
            Field::Title => c.title.is_none(),
            Field::Telephone => c.telephone.is_none(),
            Field::Fax => c.fax.is_none(),
            Field::Email => c.email.is_none(),
        }
    }

    /// Closes the open contact; blank ones (all underscores) are dropped.
    pub(crate) fn finish(&mut self) {
        if let Some(c) = self.current.take()
            && !c.is_empty()
        {
            self.done.push(c);
        }
        self.last = None;
    }

    /// All contacts, in document order.
    pub(crate) fn into_contacts(mut self) -> Vec<Contact> {
        self.finish();
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Section;

    fn contacts(lines: &[&str]) -> Vec<Contact> {
        let mut b = ContactBuilder::default();
        for l in lines {
            let line = parse_line(l).unwrap_or_else(|| panic!("not a contact line: {l}"));
            b.add(line, Some(&Section::A1));
        }
        b.into_contacts()
    }

    #[test]
    fn two_line_contact() {
        let c = contacts(&[
            "Contact Point: Name: Chung Wing Shuen, Jessica Title: Senior Inspector (Ag.)",
            "Telephone Number: (852) 3759 2662 Fax Number: (852) 3108 2316 Email Address: jessica_ws_chung@customs.gov.hk",
        ]);
        assert_eq!(c.len(), 1);
        let c = &c[0];
        assert_eq!(c.role.as_deref(), Some("Contact Point"));
        assert_eq!(c.name.as_deref(), Some("Chung Wing Shuen, Jessica"));
        assert_eq!(c.title.as_deref(), Some("Senior Inspector (Ag.)"));
        assert_eq!(c.telephone.as_deref(), Some("(852) 3759 2662"));
        assert_eq!(c.fax.as_deref(), Some("(852) 3108 2316"));
        assert_eq!(c.email.as_deref(), Some("jessica_ws_chung@customs.gov.hk"));
        assert_eq!(c.section, Some(Section::A1));
    }

    #[test]
    fn glued_and_several_per_section() {
        let c = contacts(&[
            "Contact Point: Name: Kim, Taeyeon Title: Deputy Director, Korea Customs ServiceTelephone Number: +82-42-481-7967",
            "Contact Point: Name: Kwon, Oh- kwan Title: Deputy Director Email -Address: uarirang@gmail.com",
        ]);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].title.as_deref(), Some("Deputy Director, Korea Customs Service"));
        assert_eq!(c[0].telephone.as_deref(), Some("+82-42-481-7967"));
        assert_eq!(c[1].name.as_deref(), Some("Kwon, Oh- kwan"));
        assert_eq!(c[1].email.as_deref(), Some("uarirang@gmail.com"));
    }

    #[test]
    fn blank_contacts_are_dropped_and_roles_kept() {
        let c = contacts(&[
            "Emergency Aviation Security Point of Contact: Name: _____________________Title: ____________",
            "Telephone Number: ____________ Fax Number: ___________ Email Address:_____________________",
            "Emergency Aviation Security Point of Contact: Name: Jeong, Seong-jin Title: Deputy Director",
        ]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].role.as_deref(), Some("Emergency Aviation Security Point of Contact"));
        assert_eq!(c[0].name.as_deref(), Some("Jeong, Seong-jin"));
    }

    #[test]
    fn wrapped_values_continue() {
        let mut b = ContactBuilder::default();
        b.add(parse_line("Contact Point: Name: Ms Ana Ruiz Title: Director, Bureau of").unwrap(), None);
        assert!(b.continue_value("Customs Intelligence"));
        let c = b.into_contacts();
        assert_eq!(c[0].title.as_deref(), Some("Director, Bureau of Customs Intelligence"));
        assert_eq!(c[0].section, None);
    }

    #[test]
    fn not_contact_lines() {
        for s in [
            "Korea hosted a workshop: title to be confirmed",
            "Name: only a name",
            "The contact point network: see the website",
            "Objective: Where appropriate, to self-assess",
            "no colon here",
        ] {
            assert!(parse_line(s).is_none(), "{s}");
        }
        assert!(parse_line("Tel: +66 2 123 4567").is_some());
        assert!(parse_line("Name: X Title: Y").is_some());
    }
}
