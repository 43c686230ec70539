//! Demo data: a believable market for newcomers and benchmarks. Deterministic (a fixed seed), so
//! two runs of the same size produce the same names.

use crate::auth::HashedPassword;
use crate::db::{self, DbConnection};
use crate::domain::{
    BrandColor, CompanyType, Contact, EmailAddress, Exhibitor, ExhibitorId, ExhibitorProfile, ExhibitorStatus, Genre,
    Locale, LocalizedText, Medium, Pavilion, PavilionId, PavilionStatus, ProductionStatus, Region, Rights, Role, Slug,
    Territory, User, UserId, Work, WorkDetails, WorkId, WorkKind,
};
use crate::error::CoreError;
use crate::policy::tenancy;
use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Every demo account's password, printed by `pavilion seed-demo`.
pub const DEMO_PASSWORD: &str = "pavilion-demo-2027";

/// How much to create.
#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub pavilions: usize,
    pub exhibitors: usize,
    pub works: usize,
}

/// What one pavilion received.
#[derive(Debug, Clone, Default)]
pub struct Seeded {
    pub slug: String,
    pub exhibitors: usize,
    pub published: usize,
    pub works: usize,
}

/// The real regions first, in the order their pavilions joined the market.
/// The demo pavilions' brand colours, one each in turn: dark enough for white text on them.
const BRAND_COLOURS: &[&str] =
    &["#8C1D40", "#1D4E89", "#2E6B30", "#7A4A00", "#5B2A86", "#00606B", "#A23B00", "#3D3D3D"];

const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("hangzhou", "Hangzhou", "杭州", "杭州"),
    ("beijing", "Beijing", "北京", "北京"),
    ("fujian", "Fujian", "福建", "福建"),
    ("guangdong", "Guangdong", "广东", "廣東"),
    ("jiangsu", "Jiangsu", "江苏", "江蘇"),
    ("shanghai", "Shanghai", "上海", "上海"),
    ("zhejiang", "Zhejiang", "浙江", "浙江"),
    ("sichuan", "Sichuan", "四川", "四川"),
    ("hunan", "Hunan", "湖南", "湖南"),
    ("chongqing", "Chongqing", "重庆", "重慶"),
    ("shandong", "Shandong", "山东", "山東"),
    ("hubei", "Hubei", "湖北", "湖北"),
];

const COMPANY_WORDS: &[(&str, &str, &str)] = &[
    ("West Lake", "西湖", "西湖"),
    ("Qiantang", "钱塘", "錢塘"),
    ("Silk Road", "丝路", "絲路"),
    ("Jade Hill", "玉山", "玉山"),
    ("Dragon Well", "龙井", "龍井"),
    ("Golden Bay", "金湾", "金灣"),
    ("Red Lantern", "红灯笼", "紅燈籠"),
    ("Pine Cloud", "松云", "松雲"),
    ("Blue River", "蓝河", "藍河"),
    ("Plum Blossom", "梅花", "梅花"),
    ("Morning Star", "晨星", "晨星"),
    ("Bamboo Grove", "竹林", "竹林"),
    ("Grand Canal", "运河", "運河"),
    ("Lotus", "莲花", "蓮花"),
    ("Phoenix", "凤凰", "鳳凰"),
];

const COMPANY_KINDS: &[(&str, &str, &str, CompanyType)] = &[
    ("Films", "影业", "影業", CompanyType::Production),
    ("Pictures", "影视", "影視", CompanyType::Production),
    ("Media", "传媒", "傳媒", CompanyType::Distribution),
    ("Animation", "动画", "動畫", CompanyType::Animation),
    ("Entertainment", "娱乐", "娛樂", CompanyType::SalesAgent),
    ("Post", "后期制作", "後期製作", CompanyType::PostProduction),
    ("Streaming", "视频", "視頻", CompanyType::Streaming),
];

const SUBJECTS: &[(&str, &str, &str)] = &[
    ("West Lake", "西湖", "西湖"),
    ("the Tea Road", "茶路", "茶路"),
    ("Silk", "丝绸", "絲綢"),
    ("the Moon", "月亮", "月亮"),
    ("the River", "江河", "江河"),
    ("Lanterns", "灯笼", "燈籠"),
    ("the Harbour", "港湾", "港灣"),
    ("the Mountain", "高山", "高山"),
    ("the Old Town", "古镇", "古鎮"),
    ("the Dragon", "神龙", "神龍"),
    ("Spring", "春天", "春天"),
    ("the Emperor", "皇帝", "皇帝"),
];

/// Title patterns in the three languages; `{}` is the subject.
const TITLES: &[(&str, &str, &str)] = &[
    ("Love at {}", "{}之恋", "{}之戀"),
    ("Secrets of {}", "{}的秘密", "{}的秘密"),
    ("Legend of {}", "{}传奇", "{}傳奇"),
    ("Return to {}", "重返{}", "重返{}"),
    ("A Night by {}", "{}之夜", "{}之夜"),
    ("Children of {}", "{}的孩子", "{}的孩子"),
];

const KINDS: &[WorkKind] = &[
    WorkKind::Feature,
    WorkKind::Series,
    WorkKind::Documentary,
    WorkKind::Animation,
    WorkKind::Short,
    WorkKind::Format,
];
const STATUSES: &[ProductionStatus] = &[
    ProductionStatus::Completed,
    ProductionStatus::Completed,
    ProductionStatus::Completed,
    ProductionStatus::PostProduction,
    ProductionStatus::Production,
    ProductionStatus::Development,
];
const GENRES: &[Genre] = &[
    Genre::Drama,
    Genre::Romance,
    Genre::Costume,
    Genre::History,
    Genre::Comedy,
    Genre::Family,
    Genre::Wuxia,
    Genre::Food,
    Genre::Travel,
];
const TERRITORIES: &[Territory] = {
    use isocountry::CountryCode as C;
    &[
        Territory::Region(Region::Worldwide),
        Territory::Region(Region::Asia),
        Territory::Region(Region::Europe),
        Territory::Country(C::FRA),
        Territory::Country(C::DEU),
        Territory::Country(C::JPN),
        Territory::Country(C::KOR),
        Territory::Country(C::USA),
        Territory::Country(C::GBR),
        Territory::Country(C::SGP),
        Territory::Country(C::THA),
        Territory::Country(C::BRA),
    ]
};
const MEDIA: &[Medium] =
    &[Medium::Theatrical, Medium::FreeTv, Medium::PayTv, Medium::Svod, Medium::Avod, Medium::Airline];

/// Only an empty database is filled: demo data must never mix with a real market.
pub fn ensure_empty(conn: &mut DbConnection) -> Result<(), CoreError> {
    if db::pavilions::list(conn, false, None, 1)?.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Conflict("the database already holds pavilions; seed-demo fills an empty one".into()))
    }
}

fn text(en: String, hans: String, hant: String) -> LocalizedText {
    LocalizedText { en: Some(en), zh_hans: Some(hans), zh_hant: Some(hant) }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn region(index: usize) -> (String, LocalizedText) {
    match REGIONS.get(index) {
        Some((slug, en, hans, hant)) => ((*slug).to_owned(), text((*en).into(), (*hans).into(), (*hant).into())),
        None => {
            let n = index + 1;
            (
                format!("demo-city-{n:04}"),
                text(format!("Demo City {n}"), format!("示范城市{n}"), format!("示範城市{n}")),
            )
        }
    }
}

/// Creates the demo organiser (once, before the pavilions).
pub fn seed_organiser(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    password_hash: &HashedPassword,
) -> Result<String, CoreError> {
    let email = "organiser@pavilion.demo";
    account(conn, now, None, None, email, "Demo Organiser", Role::Organiser, password_hash)?;
    Ok(email.to_owned())
}

#[allow(clippy::too_many_arguments)]
fn account(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    pavilion: Option<&PavilionId>,
    exhibitor: Option<&ExhibitorId>,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &HashedPassword,
) -> Result<(), CoreError> {
    let user = User {
        id: UserId::generate(),
        pavilion_id: pavilion.cloned(),
        email: EmailAddress::parse(email)?,
        name: name.to_owned(),
        role,
        exhibitor_id: exhibitor.cloned(),
        locale: Locale::En,
        disabled: false,
        created_at: now,
    };
    db::users::insert(conn, &user, password_hash.as_str())
}

/// Creates pavilion number `index` (0 = Hangzhou) with its admin, companies and works. The first
/// company gets an exhibitor account and stays a draft to edit; four in five of the others are
/// approved and published.
pub fn seed_pavilion(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    index: usize,
    size: DemoSize,
    password_hash: &HashedPassword,
) -> Result<Seeded, CoreError> {
    let mut rng = StdRng::seed_from_u64(2027 + index as u64);
    let (slug, name) = region(index);
    let host = text(
        format!("{} Film and TV Association", name.en.clone().unwrap_or_default()),
        format!("{}市电影电视协会", name.zh_hans.clone().unwrap_or_default()),
        format!("{}市電影電視協會", name.zh_hant.clone().unwrap_or_default()),
    );
    let pavilion = Pavilion {
        id: PavilionId::generate(),
        slug: Slug::parse(&slug)?,
        name: text(
            format!("{} Pavilion", name.en.clone().unwrap_or_default()),
            format!("{}馆", name.zh_hans.clone().unwrap_or_default()),
            format!("{}館", name.zh_hant.clone().unwrap_or_default()),
        ),
        region: name,
        host_association: host,
        description: LocalizedText::default(),
        location: Some(format!("Hall 1, 1{}-{:02}", (b'A' + (index % 6) as u8) as char, index % 40 + 1)),
        contact_email: Some(EmailAddress::parse(&format!("desk@{slug}.demo"))?),
        brand_color: Some(BrandColor::parse(BRAND_COLOURS[index % BRAND_COLOURS.len()])?),
        logo_url: None,
        sender_name: None,
        reply_to: None,
        email_footer: LocalizedText::default(),
        profile_deadline: None,
        reminder_days: Default::default(),
        second_factor: Default::default(),
        time_zone: Default::default(),
        status: PavilionStatus::Active,
        created_at: now,
        updated_at: now,
    };
    db::pavilions::insert(conn, &pavilion)?;
    // Seeding is the operator's: the pavilion was made a moment ago, by this very function.
    let scope = tenancy::for_system(pavilion.clone());
    let admin_email = format!("admin@{slug}.demo");
    account(conn, now, Some(&pavilion.id), None, &admin_email, "Demo Admin", Role::PavilionAdmin, password_hash)?;
    let mut seeded = Seeded { slug: slug.clone(), ..Default::default() };
    for number in 0..size.exhibitors {
        let (word_en, word_hans, word_hant) = COMPANY_WORDS[number % COMPANY_WORDS.len()];
        let (kind_en, kind_hans, kind_hant, company_type) =
            COMPANY_KINDS[(number / COMPANY_WORDS.len() + index) % COMPANY_KINDS.len()];
        let round = number / (COMPANY_WORDS.len() * COMPANY_KINDS.len());
        let suffix = if round == 0 { String::new() } else { format!(" {}", round + 1) };
        let profile = ExhibitorProfile {
            name: text(
                format!("{word_en} {kind_en}{suffix}"),
                format!("{word_hans}{kind_hans}{suffix}"),
                format!("{word_hant}{kind_hant}{suffix}"),
            ),
            description: text(
                format!("{word_en} {kind_en} makes and sells drama, documentary and animation from {}.", slug),
                format!("{word_hans}{kind_hans}制作并发行剧集、纪录片和动画。"),
                format!("{word_hant}{kind_hant}製作並發行劇集、紀錄片和動畫。"),
            ),
            company_type: Some(company_type),
            website: Some(format!("https://{}-{number}.{slug}.demo", word_en.to_lowercase().replace(' ', "-"))),
            city: pavilion.region.clone(),
            booth: Some(format!("{}-{:02}", (b'A' + (number % 8) as u8) as char, number + 1)),
            logo: None,
            contacts: vec![
                Contact {
                    name: "Sales Desk".into(),
                    title: Some("International sales".into()),
                    email: Some(format!("sales{number}@{slug}.demo")),
                    phone: None,
                    public: true,
                },
                Contact {
                    name: "Li Wen".into(),
                    title: Some("General manager".into()),
                    email: None,
                    phone: Some("+86 571 0000 0000".into()),
                    public: false,
                },
            ],
            languages: vec!["zh".into(), "en".into()],
        };
        let exhibitor_id = ExhibitorId::generate();
        let works: Vec<Work> =
            (0..size.works).map(|n| demo_work(&mut rng, &pavilion.id, &exhibitor_id, n, now)).collect();
        let publish = number != 0 && rng.random_range(0..5) != 0;
        let status = match (number, publish) {
            (0, _) => ExhibitorStatus::Draft,
            (_, true) => ExhibitorStatus::Approved,
            _ => *pick(&mut rng, &[ExhibitorStatus::Draft, ExhibitorStatus::Submitted]),
        };
        let exhibitor = Exhibitor {
            id: exhibitor_id.clone(),
            pavilion_id: pavilion.id.clone(),
            completeness: profile.completeness(works.len()).score,
            profile,
            status,
            version: 1,
            review_comment: None,
            edits_unlocked: false,
            submitted_at: (status != ExhibitorStatus::Draft).then_some(now),
            published_at: publish.then_some(now),
            created_at: now,
            updated_at: now,
        };
        db::exhibitors::insert(conn, &exhibitor)?;
        for work in &works {
            db::exhibitors::insert_work(conn, work)?;
        }
        if publish {
            db::published::publish(conn, &scope, &exhibitor_id, &exhibitor.profile, &works, now)?;
            seeded.published += 1;
        }
        if number == 0 {
            let email = format!("exhibitor@{slug}.demo");
            let role = Role::Exhibitor;
            account(conn, now, Some(&pavilion.id), Some(&exhibitor_id), &email, "Demo Exhibitor", role, password_hash)?;
        }
        seeded.exhibitors += 1;
        seeded.works += works.len();
    }
    Ok(seeded)
}

fn demo_work(
    rng: &mut StdRng,
    pavilion: &PavilionId,
    exhibitor: &ExhibitorId,
    number: usize,
    now: DateTime<Utc>,
) -> Work {
    let (subject_en, subject_hans, subject_hant) = *pick(rng, SUBJECTS);
    let (title_en, title_hans, title_hant) = *pick(rng, TITLES);
    let kind = *pick(rng, KINDS);
    let series = matches!(kind, WorkKind::Series | WorkKind::Animation | WorkKind::Format);
    let mut genres = vec![*pick(rng, GENRES)];
    let second = *pick(rng, GENRES);
    if second != genres[0] {
        genres.push(second);
    }
    let rights = (0..rng.random_range(1..4))
        .map(|_| Rights { territory: *pick(rng, TERRITORIES), media: vec![*pick(rng, MEDIA)] })
        .collect();
    Work {
        id: WorkId::generate(),
        pavilion_id: pavilion.clone(),
        exhibitor_id: exhibitor.clone(),
        details: WorkDetails {
            title: text(
                title_en.replace("{}", subject_en),
                title_hans.replace("{}", subject_hans),
                title_hant.replace("{}", subject_hant),
            ),
            original_title: Some(title_hans.replace("{}", subject_hans)),
            kind,
            genres,
            year: Some(2020 + rng.random_range(0..8)),
            runtime_minutes: (!series).then(|| rng.random_range(80..140)),
            episodes: series.then(|| rng.random_range(6..48)),
            episode_minutes: series.then_some(45),
            production_status: *pick(rng, STATUSES),
            synopsis: text(
                format!("Episode {} of a story about {subject_en}.", number + 1),
                format!("关于{subject_hans}的故事。"),
                format!("關於{subject_hant}的故事。"),
            ),
            directors: vec!["Chen Kai".into()],
            cast: vec!["Zhou Xun".into(), "Hu Ge".into()],
            languages: vec!["zh".into()],
            trailer_url: None,
            poster: None,
            festivals: Vec::new(),
            rights,
        },
        version: 1,
        created_at: now,
        updated_at: now,
    }
}
