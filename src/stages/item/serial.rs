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

/// Front matter the site defines itself (`extra`), as YAML text: YAML values (tags, keys that
/// are not strings) do not all survive other formats.
pub mod yaml_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error, ser};

    pub fn serialize<S: Serializer>(
        mapping: &serde_yaml::Mapping,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = match mapping.is_empty() {
            true => String::new(),
            false => serde_yaml::to_string(mapping).map_err(ser::Error::custom)?,
        };
        text.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<serde_yaml::Mapping, D::Error> {
        let text: String = Deserialize::deserialize(deserializer)?;
        match text.is_empty() {
            true => Ok(serde_yaml::Mapping::new()),
            false => serde_yaml::from_str(&text).map_err(D::Error::custom),
        }
    }
}
