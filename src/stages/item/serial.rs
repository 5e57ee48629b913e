//! How the item types' fields that serde cannot take as they are are written for the item
//! store: a zoned date, and an item's free-form front matter.

/// A date in its time zone, as its instant and the zone's name: the zone is the site's, and
/// an item is parsed again whenever the site's settings change.
pub mod zoned_date {
    use chrono::{DateTime, TimeZone};
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &DateTime<Tz>, serializer: S) -> Result<S::Ok, S::Error> {
        let instant = (date.timestamp(), date.timestamp_subsec_nanos());
        (instant.0, instant.1, date.timezone().name()).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Tz>, D::Error> {
        let (seconds, nanos, zone): (i64, u32, String) = Deserialize::deserialize(deserializer)?;
        let zone: Tz = zone.parse().map_err(D::Error::custom)?;
        let utc =
            DateTime::from_timestamp(seconds, nanos).ok_or(D::Error::custom("no such date"))?;
        Ok(zone.from_utc_datetime(&utc.naive_utc()))
    }
}

/// Front matter the site defines itself (`extra`), as YAML text (empty for none): YAML values
/// (tags, keys that are not strings) do not all survive other formats.
pub mod yaml_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error, ser};

    pub fn serialize<S: Serializer>(
        mapping: &Option<Box<serde_yaml::Mapping>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = match mapping {
            None => String::new(),
            Some(mapping) => serde_yaml::to_string(mapping).map_err(ser::Error::custom)?,
        };
        text.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Box<serde_yaml::Mapping>>, D::Error> {
        let text: String = Deserialize::deserialize(deserializer)?;
        match text.is_empty() {
            true => Ok(None),
            false => serde_yaml::from_str(&text).map_err(D::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone};
    use chrono_tz::Tz;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Fields {
        #[serde(with = "super::zoned_date")]
        date: DateTime<Tz>,
        #[serde(with = "super::yaml_text")]
        extra: Option<Box<serde_yaml::Mapping>>,
    }

    fn round_trip(fields: &Fields) -> Fields {
        serde_json::from_str(&serde_json::to_string(fields).unwrap()).unwrap()
    }

    #[test]
    fn dates_keep_their_instant_and_zone() {
        let zones = [
            chrono_tz::Asia::Shanghai,
            chrono_tz::Asia::Taipei,
            chrono_tz::Europe::Berlin,
        ];
        for zone in zones {
            // Nanoseconds, and an hour that daylight saving makes ambiguous in Berlin.
            let date = zone
                .with_ymd_and_hms(2024, 10, 27, 2, 30, 0)
                .earliest()
                .unwrap()
                + chrono::Duration::nanoseconds(123_456_789);
            let fields = Fields { date, extra: None };
            let back = round_trip(&fields);
            assert_eq!(back, fields);
            assert_eq!(back.date.timezone(), zone);
            assert_eq!(back.date.to_rfc3339(), date.to_rfc3339());
        }
    }

    #[test]
    fn front_matter_of_any_shape_comes_back_as_it_was() {
        let yaml = "
plain: 区政府
quoted_yes: 'yes'
leading_zero: '0123'
number: 12
float: 1.50
nothing: null
list: [1, two, {three: 3}]
nested: {deeper: {deepest: [true, false]}}
? [a, key, that, is, a, list]
: value
7: number key
tagged: !custom 值
empty_text: ''
";
        let extra: serde_yaml::Mapping = serde_yaml::from_str(yaml).unwrap();
        let date = chrono_tz::Asia::Shanghai
            .with_ymd_and_hms(2024, 3, 5, 9, 0, 0)
            .unwrap();
        let fields = Fields {
            date,
            extra: Some(Box::new(extra)),
        };
        assert_eq!(round_trip(&fields), fields);
    }
}
