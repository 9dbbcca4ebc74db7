//! [`SynthConfig`]: what to generate, validated once.

use crate::model::{MAX_YEAR, MIN_YEAR};
use crate::{Economy, Error, Result};

/// What [`generate`](super::generate) produces: sizes, parties, years, the share of
/// needs with planted matches, the share of hard distractors, and the seed.
///
/// Setters take and return `self`; [`SynthConfig::build`] validates once.
/// `Default` equals [`SynthConfig::new`].
///
/// # Examples
///
/// ```
/// use capmatch::synth::SynthConfig;
///
/// let config = SynthConfig::new().needs(500).offers(800).economies(5).seed(7).build()?;
/// assert_eq!((config.get_needs(), config.get_offers(), config.get_seed()), (500, 800, 7));
/// assert_eq!(config, SynthConfig::default().needs(500).offers(800).economies(5).seed(7));
/// # Ok::<(), capmatch::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    needs: usize,
    offers: usize,
    economies: usize,
    organisations: bool,
    first_year: u16,
    last_year: u16,
    planted_share: f64,
    distractor_share: f64,
    seed: u64,
    generator: u8,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            needs: 1000,
            offers: 1000,
            economies: Economy::ALL.len(),
            organisations: true,
            first_year: 2004,
            last_year: 2024,
            planted_share: 0.6,
            distractor_share: 0.25,
            seed: 0,
            generator: SynthConfig::GENERATOR,
        }
    }
}

impl SynthConfig {
    /// The most needs, or offers, one configuration may ask for.
    pub const MAX_ITEMS: usize = 10_000_000;

    /// The default (and latest) generator version (see [`SynthConfig::generator`]).
    pub const GENERATOR: u8 = 2;

    /// The default configuration (same as `Default`).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new(), SynthConfig::default());
    /// assert_eq!(SynthConfig::new().get_needs(), 1000);
    /// ```
    pub fn new() -> Self {
        SynthConfig::default()
    }

    /// Sets the number of needs (default 1,000; at most [`SynthConfig::MAX_ITEMS`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().needs(20).get_needs(), 20);
    /// ```
    #[must_use]
    pub fn needs(mut self, n: usize) -> Self {
        self.needs = n;
        self
    }

    /// Sets the number of offers (default 1,000; at most [`SynthConfig::MAX_ITEMS`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().offers(30).get_offers(), 30);
    /// ```
    #[must_use]
    pub fn offers(mut self, m: usize) -> Self {
        self.offers = m;
        self
    }

    /// Sets how many member economies submit (default 21, all; from 1 to 21). The
    /// first `e` in APEC order are used: AUS, BD, CDA, CHL, PRC, …
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().economies(3).get_economies(), 3);
    /// ```
    #[must_use]
    pub fn economies(mut self, e: usize) -> Self {
        self.economies = e;
        self
    }

    /// Sets whether international organisations (WCO, ICAO, IMO, INTERPOL, FATF,
    /// APG, UNODC, UN CTED) make some of the offers (default `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert!(!SynthConfig::new().organisations(false).get_organisations());
    /// ```
    #[must_use]
    pub fn organisations(mut self, yes: bool) -> Self {
        self.organisations = yes;
        self
    }

    /// Sets the range of submission years (default 2004 to 2024; within 1989 to
    /// 2100). Small corpora use a few evenly spaced years of the range, large ones
    /// all of them; about 1% of submissions are undated.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().years(2010, 2015).get_years(), (2010, 2015));
    /// ```
    #[must_use]
    pub fn years(mut self, first: u16, last: u16) -> Self {
        self.first_year = first;
        self.last_year = last;
        self
    }

    /// Sets the share of needs that get planted matches (default 0.6; in [0, 1]).
    ///
    /// Each such need gets 1–3 offers that meet it. When the offers cannot cover
    /// the share (planted offers use at most the offers left after the
    /// distractors), fewer needs are planted.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().planted_share(0.5).get_planted_share(), 0.5);
    /// ```
    #[must_use]
    pub fn planted_share(mut self, share: f64) -> Self {
        self.planted_share = share;
        self
    }

    /// Sets the share of offers that are hard distractors for planted needs
    /// (default 0.25; in [0, 1]): half near misses (the need's topic, another
    /// focus), half the need's section and focus with another topic.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().distractor_share(0.1).get_distractor_share(), 0.1);
    /// ```
    #[must_use]
    pub fn distractor_share(mut self, share: f64) -> Self {
        self.distractor_share = share;
        self
    }

    /// Sets the seed (default 0). The same configuration gives the same corpus and
    /// truth, byte for byte, at any thread count.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// assert_eq!(SynthConfig::new().seed(42).get_seed(), 42);
    /// ```
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the generator version (default [`SynthConfig::GENERATOR`]): 1 writes a
    /// planted offer's topic with any other surface form of the topic, as
    /// capmatch 0.1 did; 2 only with a form that names the same concepts of the
    /// concept graph (the concept graph made some of version 1's forms distinct
    /// concepts — AIS and vessel monitoring systems — so that offers repeating the
    /// need's exact form outranked the planted paraphrase). The same seed gives a
    /// different corpus under each version.
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::{SynthConfig, generate};
    ///
    /// let v1 = generate(&SynthConfig::new().needs(50).offers(50).seed(3).generator(1).build()?);
    /// let v2 = generate(&SynthConfig::new().needs(50).offers(50).seed(3).build()?);
    /// assert_ne!(v1.corpus, v2.corpus);
    /// assert!(SynthConfig::new().generator(3).build().is_err());
    /// # Ok::<(), capmatch::Error>(())
    /// ```
    #[must_use]
    pub fn generator(mut self, version: u8) -> Self {
        self.generator = version;
        self
    }

    /// The number of needs.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_needs(), 1000);
    /// ```
    pub fn get_needs(&self) -> usize {
        self.needs
    }

    /// The number of offers.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_offers(), 1000);
    /// ```
    pub fn get_offers(&self) -> usize {
        self.offers
    }

    /// The number of member economies.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_economies(), 21);
    /// ```
    pub fn get_economies(&self) -> usize {
        self.economies
    }

    /// Whether organisations make offers.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(capmatch::synth::SynthConfig::new().get_organisations());
    /// ```
    pub fn get_organisations(&self) -> bool {
        self.organisations
    }

    /// The first and last submission year.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_years(), (2004, 2024));
    /// ```
    pub fn get_years(&self) -> (u16, u16) {
        (self.first_year, self.last_year)
    }

    /// The share of needs with planted matches.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_planted_share(), 0.6);
    /// ```
    pub fn get_planted_share(&self) -> f64 {
        self.planted_share
    }

    /// The share of offers that are hard distractors.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_distractor_share(), 0.25);
    /// ```
    pub fn get_distractor_share(&self) -> f64 {
        self.distractor_share
    }

    /// The seed.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_seed(), 0);
    /// ```
    pub fn get_seed(&self) -> u64 {
        self.seed
    }

    /// The generator version.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(capmatch::synth::SynthConfig::new().get_generator(), 2);
    /// ```
    pub fn get_generator(&self) -> u8 {
        self.generator
    }

    /// Validates the configuration.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the first invalid setting: `needs` or `offers` over
    /// [`SynthConfig::MAX_ITEMS`], `economies` outside 1..=21 (or 1 economy with
    /// organisations off while matches are planted: no donor but the recipient),
    /// `years` outside 1989..=2100 or reversed, a share outside [0, 1].
    ///
    /// # Examples
    ///
    /// ```
    /// use capmatch::synth::SynthConfig;
    ///
    /// let err = SynthConfig::new().economies(0).build().unwrap_err();
    /// assert_eq!(err.to_string(), "invalid configuration: economies: must be from 1 to 21, got 0");
    /// assert!(SynthConfig::new().planted_share(f64::NAN).build().is_err());
    /// ```
    pub fn build(self) -> Result<SynthConfig> {
        if !(1..=Self::GENERATOR).contains(&self.generator) {
            return Err(Error::config(
                "generator",
                format!("must be from 1 to {}, got {}", Self::GENERATOR, self.generator),
            ));
        }
        for (field, n) in [("needs", self.needs), ("offers", self.offers)] {
            if n > Self::MAX_ITEMS {
                return Err(Error::config(field, format!("must be at most {}, got {n}", Self::MAX_ITEMS)));
            }
        }
        let max_economies = Economy::ALL.len();
        if !(1..=max_economies).contains(&self.economies) {
            return Err(Error::config(
                "economies",
                format!("must be from 1 to {max_economies}, got {}", self.economies),
            ));
        }
        if self.economies == 1 && !self.organisations && self.planted_share > 0.0 {
            return Err(Error::config(
                "economies",
                "planted matches need a donor other than the recipient: use at least 2 economies \
                 or let organisations make offers",
            ));
        }
        let (first, last) = (self.first_year, self.last_year);
        if !(MIN_YEAR..=MAX_YEAR).contains(&first) || !(MIN_YEAR..=MAX_YEAR).contains(&last) {
            return Err(Error::config(
                "years",
                format!("must be within {MIN_YEAR}..={MAX_YEAR}, got {first}..={last}"),
            ));
        }
        if first > last {
            return Err(Error::config(
                "years",
                format!("the first year must not be after the last, got {first}..={last}"),
            ));
        }
        for (field, share) in
            [("planted_share", self.planted_share), ("distractor_share", self.distractor_share)]
        {
            if !(0.0..=1.0).contains(&share) {
                return Err(Error::config(field, format!("must be a number from 0 to 1, got {share}")));
            }
        }
        Ok(self)
    }

    /// This configuration with every value forced into its valid range, so that
    /// [`generate`](super::generate) never fails or panics on an unbuilt one.
    pub(super) fn clamped(&self) -> SynthConfig {
        let share = |s: f64, default: f64| if s.is_nan() { default } else { s.clamp(0.0, 1.0) };
        let defaults = SynthConfig::default();
        let first_year = self.first_year.clamp(MIN_YEAR, MAX_YEAR);
        let mut out = SynthConfig {
            needs: self.needs.min(Self::MAX_ITEMS),
            offers: self.offers.min(Self::MAX_ITEMS),
            economies: self.economies.clamp(1, Economy::ALL.len()),
            organisations: self.organisations,
            first_year,
            last_year: self.last_year.clamp(first_year, MAX_YEAR),
            planted_share: share(self.planted_share, defaults.planted_share),
            distractor_share: share(self.distractor_share, defaults.distractor_share),
            seed: self.seed,
            generator: self.generator.clamp(1, Self::GENERATOR),
        };
        if out.economies == 1 && !out.organisations {
            out.planted_share = 0.0;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(c: SynthConfig) -> String {
        c.build().unwrap_err().to_string()
    }

    #[test]
    fn validation_messages() {
        assert_eq!(
            err(SynthConfig::new().needs(10_000_001)),
            "invalid configuration: needs: must be at most 10000000, got 10000001"
        );
        assert_eq!(
            err(SynthConfig::new().offers(usize::MAX)),
            format!("invalid configuration: offers: must be at most 10000000, got {}", usize::MAX)
        );
        assert_eq!(
            err(SynthConfig::new().economies(22)),
            "invalid configuration: economies: must be from 1 to 21, got 22"
        );
        assert_eq!(
            err(SynthConfig::new().economies(1).organisations(false)),
            "invalid configuration: economies: planted matches need a donor other than the recipient: \
             use at least 2 economies or let organisations make offers"
        );
        assert_eq!(
            err(SynthConfig::new().years(1980, 2000)),
            "invalid configuration: years: must be within 1989..=2100, got 1980..=2000"
        );
        assert_eq!(
            err(SynthConfig::new().years(2020, 2010)),
            "invalid configuration: years: the first year must not be after the last, got 2020..=2010"
        );
        assert_eq!(
            err(SynthConfig::new().planted_share(1.5)),
            "invalid configuration: planted_share: must be a number from 0 to 1, got 1.5"
        );
        assert_eq!(
            err(SynthConfig::new().distractor_share(f64::NAN)),
            "invalid configuration: distractor_share: must be a number from 0 to 1, got NaN"
        );
    }

    #[test]
    fn edge_values_are_valid() {
        for c in [
            SynthConfig::new().needs(0).offers(0),
            SynthConfig::new().needs(SynthConfig::MAX_ITEMS),
            SynthConfig::new().economies(1),
            SynthConfig::new().economies(1).organisations(false).planted_share(0.0),
            SynthConfig::new().years(2010, 2010),
            SynthConfig::new().planted_share(0.0).distractor_share(1.0),
        ] {
            assert_eq!(c.clone().build().unwrap(), c);
        }
    }

    #[test]
    fn clamping_gives_a_valid_config() {
        let c = SynthConfig::new()
            .needs(usize::MAX)
            .economies(0)
            .organisations(false)
            .years(3000, 1000)
            .planted_share(f64::NAN)
            .distractor_share(-1.0)
            .clamped();
        assert!(c.clone().build().is_ok(), "{c:?}");
        assert_eq!(c.get_planted_share(), 0.0);
        let ok = SynthConfig::new().seed(9);
        assert_eq!(ok.clamped(), ok);
    }
}
