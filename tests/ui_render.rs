//! Whole-screen renders through ratatui's TestBackend, with a pinned clock
//! and zone, at 80x24, at a large size and at sizes too small to use.
#![allow(clippy::disallowed_methods)] // known-small test values

mod common;

use afterglow::domain::{Mood, SessionKind, SessionStatus};
use afterglow::store::{Db, NewEntry, NewSession};
use chrono::TimeDelta;
use common::{Harness, render, t0};
use unicode_width::UnicodeWidthStr;

/// A person 30 hours after their third induction session.
fn lived_in() -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(t0().date_naive() - TimeDelta::days(20))
        .unwrap();
    let h = |hours: i64| t0() - TimeDelta::hours(hours);
    for (hours, dose) in [(30 + 96, 35.0), (30 + 48, 40.0)] {
        db.add_session(&NewSession {
            at: h(hours),
            kind: SessionKind::Infusion,
            dose_mg: Some(dose),
            note: None,
            status: SessionStatus::Done,
        })
        .unwrap();
    }
    db.set_intention(None, "I'd like to feel more like myself again", h(40))
        .unwrap();
    let third = db
        .add_session(&NewSession {
            at: h(30),
            kind: SessionKind::Infusion,
            dose_mg: Some(40.0),
            note: Some("quiet room, good music".into()),
            status: SessionStatus::Done,
        })
        .unwrap();
    db.add_session(&NewSession {
        at: t0() + TimeDelta::hours(44),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Planned,
    })
    .unwrap();
    db.add_entry(&NewEntry {
        written_at: h(27),
        body: "Saw my grandmother's kitchen 🌱 今日は静か\nIt felt warm.".into(),
        mood: Some(Mood::new(7).unwrap()),
        session: Some(third.id),
    })
    .unwrap();
    db.add_entry(&NewEntry {
        written_at: h(75),
        body: "Tired but lighter.".into(),
        mood: Some(Mood::new(5).unwrap()),
        session: None,
    })
    .unwrap();
    db.add_therapy(h(6), Some("Talked about the kitchen"))
        .unwrap();
    let habits = db.habits(false).unwrap();
    for back in 0..12 {
        let day = t0().date_naive() - TimeDelta::days(back);
        if back % 4 != 3 {
            db.set_tick(habits[0].id, day, Some(7.5)).unwrap();
        }
        if back % 2 == 0 {
            db.set_tick(habits[2].id, day, Some(10.0)).unwrap();
        }
    }
    db.set_tick(habits[1].id, t0().date_naive(), Some(20.0))
        .unwrap();
    Harness::with_db(db, t0())
}

fn assert_fits(screen: &str, width: usize) {
    for line in screen.lines() {
        assert!(line.width() <= width, "line wider than {width}: {line:?}");
    }
}

#[test]
fn empty_dashboard_welcomes_at_80x24() {
    let h = Harness::new();
    let screen = h.screen(80, 24);
    for title in ["1 Timeline", "2 Journal", "3 Habits", "4 Intention"] {
        assert!(screen.contains(title), "{title} missing:\n{screen}");
    }
    assert!(screen.contains("Welcome"));
    insta::assert_snapshot!("empty_80x24", screen);
}

#[test]
fn each_pane_focused_at_80x24() {
    let mut h = lived_in();
    for (key, name) in [
        ("1", "timeline"),
        ("2", "journal"),
        ("3", "habits"),
        ("4", "intention"),
    ] {
        h.keys(key);
        let screen = h.screen(80, 24);
        assert_fits(&screen, 80);
        insta::assert_snapshot!(format!("pane_{name}_80x24"), screen);
    }
}

#[test]
fn a_zoomed_pane_takes_the_body_and_keeps_the_crisis_line() {
    let mut h = lived_in();
    h.keys("2z");
    let screen = h.screen(80, 24);
    assert_fits(&screen, 80);
    assert!(screen.contains("2 Journal"), "{screen}");
    assert!(!screen.contains("1 Timeline"), "{screen}");
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .ends_with("Ctrl-g crisis help"),
        "{screen}"
    );
    insta::assert_snapshot!("zoomed_journal_80x24", screen);
    h.keys("z");
    assert!(h.screen(80, 24).contains("1 Timeline"));
}

#[test]
fn thirty_hours_in_shows_peak_and_its_closing_times() {
    let h = lived_in();
    let screen = h.screen(80, 24);
    assert!(screen.contains("peak"), "{screen}");
    // Three done and one planned: "of 4", the person's own plan, never an
    // assumed 6-8.
    assert!(screen.contains("Course 1: session 3 of 4"), "{screen}");
    assert!(!screen.contains("6-8"), "{screen}");
    // The session was Sun 08:05: 18 hours left in peak, until Tue 08:05,
    // and the main window closes Wed 08:05.
    assert!(
        screen.contains("left in peak, until Tue 08:05, then open"),
        "{screen}"
    );
    assert!(screen.contains("typically until Wed 08:05"), "{screen}");
}

#[test]
fn the_countdown_ticks_without_keys() {
    let mut h = lived_in();
    let before = h.screen(80, 24);
    h.advance(1);
    let after = h.screen(80, 24);
    assert_ne!(before, after);
}

#[test]
fn large_terminals_get_more_room() {
    let h = lived_in();
    let screen = h.screen(160, 48);
    assert_fits(&screen, 160);
    insta::assert_snapshot!("lived_in_160x48", screen);
}

#[test]
fn tiny_terminals_get_a_plain_message() {
    let h = lived_in();
    for (w, h_) in [(1, 1), (10, 3), (40, 10), (59, 24), (80, 17)] {
        let screen = render(&h.app, w, h_);
        assert!(
            w < 30 || h_ < 3 || screen.contains("needs a window"),
            "{w}x{h_}:\n{screen}"
        );
    }
    insta::assert_snapshot!("tiny_40x10", render(&h.app, 40, 10));
}

#[test]
fn editor_help_and_dialogs_render() {
    let mut h = lived_in();
    h.keys("2nA long line that should wrap softly at the edge of the editor because it keeps going 🌱🌱");
    let editor = h.screen(80, 24);
    assert_fits(&editor, 80);
    insta::assert_snapshot!("editor_80x24", editor);
    h.keys("<Esc>1n");
    insta::assert_snapshot!("log_session_dialog_80x24", h.screen(80, 24));
    h.keys("<Esc>?");
    insta::assert_snapshot!("help_80x24", h.screen(80, 24));
}

#[test]
fn random_sizes_never_panic() {
    let mut h = lived_in();
    for (w, hh) in [
        (60, 18),
        (61, 19),
        (300, 100),
        (200, 20),
        (60, 60),
        (1, 100),
        (300, 1),
    ] {
        for key in ["1", "2", "3", "4", "?", "<Esc>", "2n", "<Esc>"] {
            h.keys(key);
            let _ = render(&h.app, w, hh);
        }
    }
}

#[test]
fn no_color_draws_without_colours() {
    use afterglow::app::{Action, App};
    use afterglow::config::Settings;
    use afterglow::zone::Zone;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;

    let colourful = lived_in();
    let mut plain = App::new(Settings::default(), Zone::utc(), t0(), true);
    let mut with_colour = App::new(Settings::default(), Zone::utc(), t0(), false);
    for app in [&mut plain, &mut with_colour] {
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::Tick(t0()));
        app.update(Action::Loaded(Box::new(colourful.app.data().clone())));
    }
    let colours = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| afterglow::ui::render(f, app)).unwrap();
        t.backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count()
    };
    assert_eq!(colours(&plain), 0);
    assert!(colours(&with_colour) > 0);
}

#[test]
fn a_long_journal_reaches_its_oldest_entry_with_its_year() {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..510 {
        db.add_entry(&NewEntry {
            written_at: t0() - TimeDelta::days(i + 1),
            body: format!("entry {i}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    h.keys("2G");
    let screen = h.screen(80, 24);
    assert!(screen.contains("entry 509"), "{screen}");
    // 510 days back from 23 Nov 2026: another year, so it shows.
    assert!(screen.contains("Tue 1 Jul 2025 14:05"), "{screen}");
    assert!(!screen.contains("newest"), "{screen}");
    assert_fits(&screen, 80);
}

#[test]
fn a_journal_that_cannot_be_read_says_so_and_stays() {
    use afterglow::app::{Action, App};
    use afterglow::config::Settings;
    use afterglow::zone::Zone;
    let mut app = App::new(Settings::default(), Zone::utc(), t0(), true);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Tick(t0()));
    app.update(Action::Failed("a stored time is out of range".into()));
    // Long after the status line would have faded, the reason is still there.
    app.update(Action::Tick(t0() + TimeDelta::minutes(5)));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("could not read your journal"), "{screen}");
    assert!(screen.contains("a stored time is out of range"), "{screen}");
}

#[test]
fn session_and_entry_views_render() {
    let mut h = lived_in();
    h.keys("1");
    while !matches!(
        h.app.view().timeline[h.app.timeline().selected()].kind,
        afterglow::app::data::RowKind::Session(_)
    ) {
        h.keys("j");
    }
    h.keys("<Enter>");
    let session = h.screen(80, 24);
    assert!(session.contains("Integration plan"), "{session}");
    assert_fits(&session, 80);
    insta::assert_snapshot!("session_view_80x24", session);
    h.keys("<Esc>2<Enter>");
    let entry = h.screen(80, 24);
    assert!(entry.contains("Mood 7/10"), "{entry}");
    insta::assert_snapshot!("entry_view_80x24", entry);
}

#[test]
fn right_after_a_session_the_next_step_is_rest() {
    let mut h = Harness::new();
    h.keys("n<Enter>");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Rest and let it settle."), "{screen}");
    assert!(screen.contains("advice on driving"), "{screen}");
    assert!(screen.contains("eases by about 15:35"), "{screen}");
    assert!(!screen.contains("big decisions"), "{screen}");
    h.advance(2 * 3600);
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Rest and let it settle"), "{screen}");
    assert!(
        screen.contains("Next: a good time to write, until Thu 26 Nov 14:05")
            || screen.contains("Next: a good time to write, until Thu 14:05"),
        "{screen}"
    );
}

/// The dashboard with `lived_in`'s data and the settings of config `text`.
fn configured(text: &str, no_color: bool) -> afterglow::app::App {
    use afterglow::app::{Action, App};
    use afterglow::zone::Zone;
    let settings =
        afterglow::config::parse(text, std::path::Path::new("/tmp/config.toml")).unwrap();
    let data = lived_in().app.data().clone();
    let mut app = App::new(settings, Zone::utc(), t0(), no_color);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Tick(t0()));
    app.update(Action::Loaded(Box::new(data)));
    app
}

#[test]
fn words_that_name_a_key_follow_a_rebind() {
    let mut h = lived_in();
    h.app = configured(
        "[keys]\nopen = \"o\"\ntimeline.edit = \"E\"\ntimeline.delete = \"X\"\n\
         timeline.plan = \"P\"\n",
        true,
    );
    h.keys("1");
    while !matches!(
        h.app.view().timeline[h.app.timeline().selected()].kind,
        afterglow::app::data::RowKind::Session(_)
    ) {
        h.keys("j");
    }
    h.keys("o");
    let session = h.screen(80, 24);
    assert!(
        session.contains("Session · E edits, X deletes"),
        "{session}"
    );
    h.keys("<Esc>");
    // A session logged ahead of now points at the plan key in effect.
    h.keys("n");
    let form = h.app.form().expect("the log dialog");
    assert_eq!(form.get(afterglow::app::form::Name::When), "now");
    // The time field starts at "now".
    for _ in 0..3 {
        h.keys("<BS>");
    }
    h.keys("tomorrow 10:00<Enter>");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Use P to plan"), "{screen}");
}

#[test]
fn rebound_keys_show_in_the_help_and_the_footer() {
    use afterglow::app::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = configured(
        "[keys]\nhelp = \"F1\"\nquit = \"x\"\ntimeline.new = \"a\"\n",
        true,
    );
    let footer = render(&app, 80, 24);
    let footer = footer.lines().last().unwrap();
    assert!(footer.contains("a log session"), "{footer}");
    assert!(footer.contains("x quit"), "{footer}");
    assert!(footer.contains("F1 help"), "{footer}");
    assert!(footer.ends_with("Ctrl-g crisis help"), "{footer}");

    app.update(Action::Key(KeyEvent::new(
        KeyCode::F(1),
        KeyModifiers::NONE,
    )));
    let help = render(&app, 80, 24);
    assert!(
        help.contains(&format!("{:<24}show or hide this help", "F1")),
        "{help}"
    );
    assert!(
        help.contains(&format!("{:<24}quit (drafts are kept)", "x / Ctrl-c")),
        "{help}"
    );
    insta::assert_snapshot!("help_with_rebound_keys_80x24", help);
    let (mut lines, mut scrolled) = (0, app.clone());
    while !render(&scrolled, 80, 24).contains("log a session") && lines < 40 {
        scrolled.update(Action::Key(KeyEvent::new(
            KeyCode::Down,
            KeyModifiers::NONE,
        )));
        lines += 1;
    }
    let screen = render(&scrolled, 80, 24);
    assert!(
        screen.contains(&format!("{:<24}log a session", "a")),
        "{screen}"
    );
}

#[test]
fn configured_colours_are_drawn_unless_no_color() {
    use afterglow::app::Action;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    // No default role is red, #102030 or 33: seeing them proves the config
    // reached the screen.
    let text = "[colors]\nborder_focused = \"#102030\"\nborder = 33\nerror = \"red\"\n";
    let colours = |no_color: bool| {
        let mut app = configured(text, no_color);
        // A store error, so that the status line shows the error colour.
        app.update(Action::Failed("the disk is full".into()));
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| afterglow::ui::render(f, &app)).unwrap();
        let cells = t.backend().buffer().content().to_vec();
        let mut seen: Vec<Color> = cells.iter().map(|c| c.fg).collect();
        seen.sort_by_key(|c| format!("{c:?}"));
        seen.dedup();
        seen
    };
    let seen = colours(false);
    for want in [Color::Rgb(0x10, 0x20, 0x30), Color::Indexed(33), Color::Red] {
        assert!(seen.contains(&want), "{want:?} in {seen:?}");
    }
    assert_eq!(colours(true), vec![Color::Reset]);
}

// ------------------------------------------------- care: words and times

/// A store with done sessions `hours` before `t0`, oldest first, and the
/// dashboard opened on it at `t0`.
fn after_sessions(hours: &[i64]) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(t0().date_naive() - TimeDelta::days(120))
        .unwrap();
    for h in hours {
        db.add_session(&NewSession {
            at: t0() - TimeDelta::hours(*h),
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        })
        .unwrap();
    }
    Harness::with_db(db, t0())
}

/// The header rows (title, three lines, gauge) at 80x24.
fn header(h: &Harness) -> String {
    h.screen(80, 24)
        .lines()
        .take(5)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words no screen may show: a dosing clock or a verdict.
fn assert_kind(screen: &str) {
    for bad in [
        "missed",
        "✗",
        "ago",
        "due",
        "Window closed",
        "last session",
        "6-8",
        "planned 6",
        "00:00:00",
        "next session is",
    ] {
        assert!(!screen.contains(bad), "{bad:?} in\n{screen}");
    }
}

#[test]
fn the_header_in_each_phase_and_state() {
    let cases: [(&str, Vec<i64>); 8] = [
        ("acute", vec![0]),
        ("opening", vec![2]),
        ("peak", vec![30]),
        ("open", vec![60]),
        ("extended", vec![5 * 24]),
        ("closed", vec![20 * 24]),
        ("long_closed", vec![60 * 24]),
        // An induction course of six, two days apart, the last 30 h ago.
        (
            "course_of_six",
            vec![
                30 + 10 * 24,
                30 + 8 * 24,
                30 + 6 * 24,
                30 + 4 * 24,
                30 + 2 * 24,
                30,
            ],
        ),
    ];
    for (name, hours) in cases {
        let h = after_sessions(&hours);
        let head = header(&h);
        assert_kind(&h.screen(80, 24));
        insta::assert_snapshot!(format!("header_{name}"), head);
        // At the smallest size each fact finds a wording that fits whole.
        let narrow = h.screen(60, 18);
        let narrow_head: Vec<&str> = narrow.lines().take(4).collect();
        for line in &narrow_head {
            assert!(!line.contains('…'), "{name} at 60x18: {line:?}");
        }
        assert_kind(&narrow);
    }
}

#[test]
fn after_a_course_the_integration_weeks_are_reached_never_counted_down() {
    // Six sessions, two days apart; the last one 2, 5 and 9 weeks ago.
    for (weeks, name, want) in [
        (
            2,
            "integration_early",
            "the practices for at least 4-8 weeks",
        ),
        (
            5,
            "integration_reached",
            "4 weeks since course 1 ended; many keep",
        ),
        (
            9,
            "integration_past",
            "8 weeks or more since course 1 ended; many keep",
        ),
    ] {
        let last = weeks * 7 * 24;
        let hours: Vec<i64> = (0..6).rev().map(|i| last + i * 48).collect();
        let h = after_sessions(&hours);
        let head = header(&h);
        assert!(head.contains(want), "{head}");
        assert!(!head.contains("mark"), "{head}");
        let narrow = h.screen(60, 18);
        assert!(
            narrow.lines().take(4).all(|l| !l.contains('…')),
            "{name} at 60x18:\n{narrow}"
        );
        insta::assert_snapshot!(format!("header_{name}"), head);
    }
}

#[test]
fn integration_weeks_come_from_the_config() {
    use afterglow::app::{Action, App};
    use afterglow::zone::Zone;
    let settings = afterglow::config::parse(
        "[course]\nintegration_min_weeks = 6\nintegration_max_weeks = 10\n",
        std::path::Path::new("/tmp/config.toml"),
    )
    .unwrap();
    let last = 7 * 7 * 24;
    let hours: Vec<i64> = (0..6).rev().map(|i| last + i * 48).collect();
    let data = after_sessions(&hours).app.data().clone();
    let mut app = App::new(settings, Zone::utc(), t0(), true);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Tick(t0()));
    app.update(Action::Loaded(Box::new(data)));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("6 weeks since course 1 ended"), "{screen}");
    assert!(!screen.contains("4 weeks"), "{screen}");
}

#[test]
fn weekly_sessions_and_boosters_are_never_numbered_as_courses() {
    // Weekly from the start: a rhythm, not a row of courses.
    let weekly: Vec<i64> = (0..6).rev().map(|i| 30 + i * 7 * 24).collect();
    let h = after_sessions(&weekly);
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Course"), "{screen}");
    assert!(!screen.contains("course"), "{screen}");
    // A booster after a course: a booster, no number.
    let mut hours: Vec<i64> = (0..6).rev().map(|i| 60 * 24 + i * 48).collect();
    hours.push(30);
    let h = after_sessions(&hours);
    let head = header(&h);
    assert!(head.contains("Booster on"), "{head}");
    assert!(!head.contains("Course 2"), "{head}");
}

#[test]
fn finished_with_sessions_drops_the_countdowns_and_keeps_the_practices() {
    let mut h = after_sessions(&[30]);
    h.keys("f<Right><Right><Tab>ketamine was a bridge<Enter>");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("finished; no more sessions planned"),
        "{screen}"
    );
    assert!(screen.contains("ketamine was a bridge"), "{screen}");
    assert!(screen.contains("Today:"), "{screen}");
    assert!(!screen.contains("peak"), "{screen}");
    assert!(!screen.contains("left in"), "{screen}");
    insta::assert_snapshot!("header_finished", header(&h));
    // Saying so again, back in treatment, brings the window back.
    h.keys("f<Left><Left><Enter>");
    assert!(h.screen(80, 24).contains("left in peak"));
}

/// Each number of the crisis lines, whole, on one row of `screen`.
fn assert_crisis_whole(screen: &str) {
    for n in afterglow::care::NUMBERS {
        assert!(
            screen.lines().any(|l| l.contains(n)),
            "{n} is not whole on any row of\n{screen}"
        );
    }
    assert!(screen.contains("If you are in danger now"), "{screen}");
    assert!(screen.contains("To talk to someone"), "{screen}");
}

#[test]
fn the_crisis_lines_are_whole_at_the_smallest_size() {
    // The welcome, before any session.
    let mut h = Harness::new();
    let welcome = h.screen(60, 18);
    assert_crisis_whole(&welcome);
    insta::assert_snapshot!("welcome_60x18", welcome);
    // The help opens with them.
    h.keys("?");
    let help = h.screen(60, 18);
    assert_crisis_whole(&help);
    insta::assert_snapshot!("help_60x18", help);
    h.keys("<Esc>");
    // The crisis key, from the journal editor, where `?` is only a letter.
    h.keys("2nA few words?");
    h.keys("<C-g>");
    let crisis = h.screen(60, 18);
    assert_crisis_whole(&crisis);
    insta::assert_snapshot!("crisis_from_the_editor_60x18", crisis);
    // Any key goes back, and lands nowhere: the words are as they were.
    h.keys("x");
    assert_eq!(h.db.draft().unwrap().unwrap().body, "A few words?");
    assert!(!h.screen(60, 18).contains("To talk to someone"));
}

#[test]
fn every_footer_names_the_crisis_key() {
    let mut h = lived_in();
    for (keys, place) in [
        ("", "timeline"),
        ("2", "journal"),
        ("3", "habits"),
        ("4", "intention"),
        ("2n", "editor"),
        ("<Esc>1n", "dialog"),
        ("<Esc>?", "help"),
    ] {
        h.keys(keys);
        for (w, hh) in [(60, 18), (80, 24), (200, 60)] {
            let screen = h.screen(w, hh);
            let footer = screen.lines().last().unwrap();
            assert!(
                footer.ends_with("Ctrl-g crisis help"),
                "{place} at {w}x{hh}: {footer}"
            );
        }
    }
    // The status line gives way to it too.
    h.keys("<Esc>");
    h.act(afterglow::app::Action::Failed("x".repeat(200)));
    let footer = h.screen(60, 18);
    assert!(
        footer
            .lines()
            .last()
            .unwrap()
            .ends_with("Ctrl-g crisis help")
    );
}

#[test]
fn a_low_mood_gets_a_gentle_answer() {
    let mut h = after_sessions(&[30]);
    h.keys("2nA heavy day.<C-s>1<Enter>");
    let screen = h.screen(80, 24);
    assert!(screen.contains("Heavy days happen"), "{screen}");
    assert!(screen.contains("your provider would want to"), "{screen}");
    assert_crisis_whole(&screen);
    for never in ["session", "dose", "booster"] {
        let card: String = screen
            .lines()
            .filter(|l| l.contains('│'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!card.to_lowercase().contains(never), "{never} in\n{card}");
    }
    insta::assert_snapshot!("low_mood_80x24", screen);
    assert_eq!(h.db.entries(5).unwrap()[0].body, "A heavy day.");
    // A calm day gets only the usual word.
    h.keys("x2nA calm day.<C-s>7<Enter>");
    assert!(!h.screen(80, 24).contains("Heavy days happen"));
}

/// Text from an import can hold what a terminal obeys; the dashboard draws
/// its words and none of it, in the panes and in the entry's own view.
#[test]
fn crafted_text_is_drawn_without_the_characters_a_terminal_obeys() {
    const CRAFTED: &str =
        "calm\u{1b}]0;owned\u{7} \u{202e}gnp.exe\u{202c} \u{2067}day\u{2069} \u{200f}end";
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(t0().date_naive() - TimeDelta::days(2))
        .unwrap();
    db.add_entry(&NewEntry {
        written_at: t0() - TimeDelta::hours(2),
        body: CRAFTED.into(),
        mood: None,
        session: None,
    })
    .unwrap();
    db.set_intention(None, CRAFTED, t0() - TimeDelta::hours(1))
        .unwrap();
    db.add_therapy(t0() - TimeDelta::hours(3), Some(CRAFTED))
        .unwrap();
    let mut h = Harness::with_db(db, t0());
    let dangerous = |screen: &str| -> Vec<char> {
        screen
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                    || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
            })
            .collect()
    };
    let panes = h.screen(120, 40);
    assert!(panes.contains("calm]0;owned gnp.exe day end"), "{panes}");
    assert_eq!(dangerous(&panes), Vec::<char>::new(), "{panes:?}");
    h.keys("2<Enter>");
    let entry = h.screen(120, 40);
    assert!(entry.contains("gnp.exe day end"), "{entry}");
    assert_eq!(dangerous(&entry), Vec::<char>::new(), "{entry:?}");
}

#[test]
fn the_crisis_card_keeps_its_lines_whole_below_the_smallest_size() {
    let mut h = lived_in();
    h.keys("<C-g>");
    for (w, hh) in [(40, 10), (50, 12), (60, 18), (72, 14)] {
        let screen = h.screen(w, hh);
        assert_crisis_whole(&screen);
        // Every word of both, in order: nothing cut at the card's end.
        let shown: String = screen
            .lines()
            .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = flat(&shown);
        for text in [afterglow::care::IN_DANGER, afterglow::care::TO_TALK] {
            assert!(shown.contains(&flat(text)), "at {w}x{hh}:\n{screen}");
        }
    }
}

/// Six paragraphs, long enough that at 80x24 the last ones lie rows below
/// the first screen once wrapped.
fn long_entry() -> String {
    (1..=6)
        .map(|n| {
            format!(
                "Paragraph {n} begins. {} Paragraph {n} ends here.",
                "The light came through the blinds in long bars and I let \
                 the music carry me somewhere slow and kind. "
                    .repeat(3)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn with_entry(body: &str) -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    db.add_entry(&NewEntry {
        written_at: t0() - TimeDelta::hours(3),
        body: body.into(),
        mood: Some(Mood::new(6).unwrap()),
        session: None,
    })
    .unwrap();
    Harness::with_db(db, t0())
}

/// Renders at `w`x`h` with the app told that size first, so that the
/// keys count rows at the width they are drawn at.
fn sized(h: &mut Harness, w: u16, hh: u16) {
    h.act(afterglow::app::Action::Resize {
        width: w,
        height: hh,
    });
}

#[test]
fn end_shows_the_last_paragraph_of_a_long_entry() {
    for (w, hh) in [(80, 24), (60, 18)] {
        let mut h = with_entry(&long_entry());
        sized(&mut h, w, hh);
        h.keys("2<Enter>");
        let top = h.screen(w, hh);
        assert!(top.contains("Paragraph 1 begins."), "{top}");
        assert!(!top.contains("Paragraph 6 ends here."), "{top}");
        assert!(top.contains("↓ more below"), "{top}");
        h.act(afterglow::app::Action::Key(
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::End),
        ));
        let end = h.screen(w, hh);
        assert_fits(&end, usize::from(w));
        assert!(end.contains("Paragraph 6 ends here."), "{end}");
        assert!(end.contains("↑ more above"), "{end}");
        insta::assert_snapshot!(format!("long_entry_end_{w}x{hh}"), end);
        // One step up from the end moves at once: End did not overshoot.
        h.keys("k");
        assert!(!h.screen(w, hh).contains("Paragraph 6 ends here."));
        h.keys("G");
        assert_eq!(h.screen(w, hh), end);
        h.keys("g");
        assert_eq!(h.screen(w, hh), top);
        // A page down and back up returns to the top.
        h.keys("<Space>");
        assert_ne!(h.screen(w, hh), top);
        h.act(afterglow::app::Action::Key(
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::PageUp),
        ));
        assert_eq!(h.screen(w, hh), top);
    }
}

#[test]
fn the_help_scrolls_to_its_last_line() {
    for (w, hh) in [(80, 24), (60, 18), (200, 60)] {
        let mut h = lived_in();
        sized(&mut h, w, hh);
        h.keys("?G");
        let screen = h.screen(w, hh);
        // The legend's last words, which end the help at every width.
        // (The box is 76 wide at most: the words wrap the same way.)
        let tail = "show";
        let lines: Vec<&str> = screen.lines().collect();
        let edge = lines
            .iter()
            .position(|l| l.contains("↑ more above"))
            .unwrap();
        assert!(
            lines[edge - 1].contains(&format!(" {tail} ")),
            "{w}x{hh}:\n{screen}"
        );
        assert!(screen.contains("↑ more above"), "{w}x{hh}:\n{screen}");
        if (w, hh) == (60, 18) {
            insta::assert_snapshot!("help_end_60x18", screen);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// For any text and any size the dashboard draws at, End shows the
    /// last wrapped row of the entry, at the bottom of its box.
    #[test]
    fn end_always_shows_the_last_wrapped_row(
        w in 60u16..=200,
        hh in 18u16..=60,
        body in "([a-zA-Z0-9]{1,30}[ \n]{1,2}){1,120}[a-z]{1,12}",
    ) {
        let mut h = with_entry(&body);
        sized(&mut h, w, hh);
        h.keys("2<Enter>G");
        let screen = h.screen(w, hh);
        let page = h.app.reading().unwrap();
        let rect = page.rect(ratatui::layout::Rect::new(0, 0, w, hh));
        let (inner, visible) = afterglow::app::reading::inner(rect);
        let rows = page.rows(inner);
        let last: String = rows.last().unwrap().iter().map(|(t, _)| t.as_str()).collect();
        let lines: Vec<&str> = screen.lines().collect();
        // The row just above the box's bottom edge is the last row, or,
        // when all rows fit, the last one drawn.
        let bottom = usize::from(rect.y + 1) + rows.len().min(visible) - 1;
        proptest::prop_assert!(
            lines[bottom].contains(last.trim()),
            "last row {:?} not at the bottom:\n{}", last, screen
        );
    }
}

/// The rows the app counts are the rows drawn, at any width from 20 to
/// 200: none wider than the box, and no word lost or added.
#[test]
fn wrapped_rows_fit_and_keep_every_word() {
    use afterglow::app::reading::{Tone, wrap_pieces};
    let text = long_entry().replace('\n', " ") + " 今日は静か 🌱🌱 call 116 123 now";
    for width in 20..=200 {
        let rows = wrap_pieces(&[(text.clone(), Tone::Plain)], width);
        for r in &rows {
            let t: String = r.iter().map(|(t, _)| t.as_str()).collect();
            assert!(t.width() <= width, "{width}: {t:?}");
        }
        let words: Vec<String> = rows
            .iter()
            .flat_map(|r| r.iter().map(|(t, _)| t.clone()))
            .collect::<String>()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let joined: String = rows
            .iter()
            .map(|r| r.iter().map(|(t, _)| t.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>(),
            "{width}"
        );
        assert!(!words.is_empty());
    }
}

#[test]
fn dates_from_another_year_carry_it() {
    let mut db = Db::open_in_memory().unwrap();
    let last_year = t0() - TimeDelta::days(400);
    let s = db
        .add_session(&NewSession {
            at: last_year,
            kind: SessionKind::Infusion,
            dose_mg: None,
            note: None,
            status: SessionStatus::Done,
        })
        .unwrap();
    db.set_intention(Some(s.id), "to rest", last_year - TimeDelta::hours(2))
        .unwrap();
    db.add_entry(&NewEntry {
        written_at: last_year + TimeDelta::hours(3),
        body: "An old page.".into(),
        mood: None,
        session: Some(s.id),
    })
    .unwrap();
    let mut h = Harness::with_db(db, t0());
    h.keys("4");
    let pane = h.screen(80, 24);
    assert!(pane.contains("Sun 19 Oct 2025 to rest"), "{pane}");
    h.keys("2<Enter>");
    let entry = h.screen(80, 24);
    assert!(entry.contains("Sun 19 Oct 2025 17:05"), "{entry}");
}

/// The header's first row alone, drawn at `w` columns.
fn title_row(app: &afterglow::app::App, w: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut app = app.clone();
    app.update(afterglow::app::Action::Resize {
        width: w.max(60),
        height: 24,
    });
    let theme = afterglow::ui::theme::Theme::new(&app.settings().colors, true);
    let mut t = Terminal::new(TestBackend::new(w, 1)).unwrap();
    t.draw(|f| afterglow::ui::header::title_row(f, f.area(), &app, &theme))
        .unwrap();
    let buf = t.backend().buffer().clone();
    let mut row = String::new();
    let mut skip = 0;
    for x in 0..w {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let sym = buf[(x, 0)].symbol();
        row.push_str(sym);
        skip = sym.width().saturating_sub(1);
    }
    row
}

/// The busiest title rows: read-only, in the acute phase of the third
/// session of a planned course; and pausing after a course.
fn busy_headers() -> Vec<(&'static str, Harness)> {
    let course = |rest: bool| {
        let mut db = Db::open_in_memory().unwrap();
        db.ensure_defaults(t0().date_naive() - TimeDelta::days(30))
            .unwrap();
        let last = if rest { 24 * 5 } else { 0 };
        for (hours, status) in [
            (last + 96, SessionStatus::Done),
            (last + 48, SessionStatus::Done),
            (last, SessionStatus::Done),
            (-44, SessionStatus::Planned),
        ] {
            db.add_session(&NewSession {
                at: t0() - TimeDelta::hours(hours),
                kind: SessionKind::Infusion,
                dose_mg: Some(40.0),
                note: None,
                status,
            })
            .unwrap();
        }
        if rest {
            db.set_treatment(
                afterglow::domain::TreatmentStatus::Pausing,
                Some("a breather over the holidays"),
                t0() - TimeDelta::hours(2),
            )
            .unwrap();
        }
        let mut h = Harness::with_db(db, t0());
        h.act(afterglow::app::Action::ReadOnly("damaged".into()));
        h
    };
    vec![("acute course", course(false)), ("pausing", course(true))]
}

#[test]
fn the_title_row_never_collides_and_keeps_the_clock_whole() {
    let clock = "Mon 23 Nov 14:05";
    for (name, h) in busy_headers() {
        for w in 40..=200u16 {
            let row = title_row(&h.app, w);
            let row = format!("{row:<width$}", width = usize::from(w));
            assert!(row.width() <= usize::from(w), "{name} {w}: {row:?}");
            assert!(row.trim_end().ends_with(clock), "{name} {w}: {row:?}");
            let left = row.trim_end().strip_suffix(clock).unwrap();
            assert!(left.ends_with("  "), "{name} {w}: no gap: {row:?}");
            // Facts are apart: each is whole, or the last cut with "…".
            let facts: Vec<&str> = left.trim().split("  ·  ").collect();
            for (i, f) in facts.iter().enumerate() {
                assert!(!f.is_empty() && !f.contains(" · "), "{name} {w}: {row:?}");
                if f.ends_with('…') {
                    assert_eq!(i, facts.len() - 1, "{name} {w}: {row:?}");
                }
            }
            // Read-only outranks everything: it is never cut away.
            let first = facts.iter().find(|f| **f != "afterglow").unwrap();
            assert!(first.starts_with("read-"), "{name} {w}: {row:?}");
            if w >= 60 {
                // The phase or the pause is never pushed out.
                assert!(
                    left.contains("acute") || left.contains("pausing"),
                    "{name} {w}: {row:?}"
                );
            }
        }
        insta::assert_snapshot!(
            format!("title_row_busy_{}", name.replace(' ', "_")),
            [40u16, 50, 60, 80, 120]
                .iter()
                .map(|w| title_row(&h.app, *w).trim_end().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Every symbol the ui draws (shapes, dingbats, arrows, the middle dot
/// and the dash) is in the legend the help and docs/keys.md show.
#[test]
fn every_symbol_drawn_is_in_the_legend() {
    use afterglow::app::legend::LEGEND;
    let symbol = |c: char| {
        matches!(u32::from(c), 0x2190..=0x21FF | 0x25A0..=0x25FF | 0x2600..=0x27BF)
            || c == '·'
            || c == '—'
            || c == '▌'
    };
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("src/ui")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.extend(["src/ui.rs", "src/app/words.rs", "src/app/reading.rs"].map(Into::into));
    let mut seen = std::collections::BTreeSet::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap();
        let code = src.split("#[cfg(test)]").next().unwrap();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            seen.extend(line.chars().filter(|c| symbol(*c)).map(|c| (c, f.clone())));
        }
    }
    assert!(
        seen.iter().any(|(c, _)| *c == '◆'),
        "the scan found nothing"
    );
    for (c, f) in seen {
        assert!(
            LEGEND.iter().any(|(g, _)| g.contains(c)),
            "{c} (in {}) is not in the legend (src/app/legend.rs)",
            f.display()
        );
    }
    let docs = std::fs::read_to_string("docs/keys.md").unwrap();
    for (g, what) in LEGEND {
        assert!(
            docs.contains(&format!("| `{g}` | {what} |")),
            "{g} not in docs/keys.md"
        );
    }
}

#[test]
fn a_long_question_grows_its_box_and_keeps_its_answer_keys() {
    let long = "I want to meet whatever comes with patience, to notice the old fear \
                when it rises and let it pass like weather, and to come back to my \
                breath, to the music, to the people who love me. "
        .repeat(2);
    for (w, hh, text) in [
        (60, 18, long.clone()),
        (80, 24, long.clone()),
        (60, 18, long.repeat(4)),
    ] {
        let mut db = Db::open_in_memory().unwrap();
        db.set_intention(None, &text, t0() - TimeDelta::hours(1))
            .unwrap();
        let mut h = Harness::with_db(db, t0());
        sized(&mut h, w, hh);
        h.keys("4n");
        let screen = h.screen(w, hh);
        assert_fits(&screen, usize::from(w));
        assert!(
            screen.contains("Set a new intention in place of this one?"),
            "{screen}"
        );
        assert!(screen.contains("y yes"), "{w}x{hh}:\n{screen}");
        assert!(screen.contains("n / Esc"), "{w}x{hh}:\n{screen}");
        // However long, the question leaves the footer's crisis key shown.
        assert!(screen.contains("Ctrl-g crisis help"), "{w}x{hh}:\n{screen}");
        let cut = text.len() > long.len();
        let question: String = screen
            .lines()
            .skip_while(|l| !l.contains("╭ Are you sure?"))
            .take_while(|l| !l.contains("╰──"))
            .collect();
        assert_eq!(question.contains('…'), cut, "{w}x{hh}:\n{screen}");
        if !cut {
            assert!(screen.contains("people who love me."), "{screen}");
        }
        insta::assert_snapshot!(
            format!("long_question_{w}x{hh}{}", if cut { "_cut" } else { "" }),
            screen
        );
    }
}

/// Issue 12: a long habit name and a long unit, and a weekly habit. At
/// 80x24 the name is cut with "…" and the line under the grid shows it
/// and the unit whole as far as it can; at 200x60 both are whole.
fn long_names() -> Harness {
    use afterglow::domain::habit::Schedule;
    use afterglow::domain::{HabitKind, HabitRole};
    let mut db = Db::open_in_memory().unwrap();
    let start = t0().date_naive() - TimeDelta::days(20);
    db.ensure_defaults(start).unwrap();
    db.add_session(&NewSession {
        at: t0() - TimeDelta::hours(30),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    let read = db
        .add_habit(
            "Read with the evening light, slowly",
            &HabitKind::Quantity {
                unit: "pages per day".into(),
                target: 10.0,
            },
            HabitRole::Custom,
            start,
        )
        .unwrap();
    let swim = db
        .add_habit_on(
            "Swim",
            &HabitKind::YesNo,
            HabitRole::Custom,
            Schedule::PerWeek(3),
            start,
        )
        .unwrap();
    for back in 0..14 {
        let day = t0().date_naive() - TimeDelta::days(back);
        db.set_tick(read.id, day, Some(12.0)).unwrap();
        if back % 2 == 0 {
            db.set_tick(swim.id, day, None).unwrap();
        }
    }
    Harness::with_db(db, t0())
}

#[test]
fn long_names_and_units_are_whole_where_the_width_allows() {
    let mut h = long_names();
    h.keys("3jjj");
    let small = h.screen(80, 24);
    assert_fits(&small, 80);
    assert!(small.contains("Read with the eve…"), "{small}");
    assert!(
        small.contains(" Read… · today: 12 of 10 pages per day"),
        "{small}"
    );
    insta::assert_snapshot!("habits_long_names_80x24", small);
    let large = h.screen(200, 60);
    assert_fits(&large, 200);
    assert!(
        large.contains("Read with the evening light, slowly 12 pages per day"),
        "{large}"
    );
    assert!(
        large.contains("Read with the evening light, slowly · today: 12 of 10 pages per day"),
        "{large}"
    );
    // Swim, three days a week, ticked every other day: a streak of weeks.
    let swim = large.lines().find(|l| l.contains(" Swim ")).unwrap();
    assert!(swim.contains(" wk "), "{large}");
    insta::assert_snapshot!("habits_long_names_200x60", large);
}

#[test]
fn the_timeline_names_each_month_and_a_past_year() {
    let mut db = Db::open_in_memory().unwrap();
    for (days, body) in [
        (10, "mid november"),
        (40, "in october"),
        (330, "last december"),
    ] {
        db.add_entry(&NewEntry {
            written_at: t0() - TimeDelta::days(days),
            body: body.into(),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    h.keys("1z");
    let screen = h.screen(80, 24);
    assert!(screen.contains("── October ──"), "{screen}");
    assert!(screen.contains("── December 2025 ──"), "{screen}");
    assert!(
        screen.contains("Sun 28 Dec 2025 14:05 ✎ last december"),
        "{screen}"
    );
    assert!(
        screen.contains("Fri 13 Nov      14:05 ✎ mid november"),
        "{screen}"
    );
    assert!(!screen.contains("── November"), "{screen}");
    assert_fits(&screen, 80);
}

/// Entries over three years, two of them with "lantern" past their title.
fn searchable() -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for (days, body) in [
        (2, "Slow morning #sleep\nThe lantern by the bed again."),
        (30, "A walk #outside"),
        (400, "Restless night #sleep"),
        (1_000, "Lantern festival\nWarm light on the water."),
    ] {
        db.add_entry(&NewEntry {
            written_at: t0() - TimeDelta::days(days),
            body: body.into(),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    Harness::with_db(db, t0())
}

#[test]
fn search_results_mark_their_words_without_colour() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;
    let mut h = searchable();
    h.keys("2/lantern");
    let typing = h.screen(80, 24);
    assert!(
        typing.contains("2 found for “lantern” · Esc clears"),
        "{typing}"
    );
    assert!(typing.contains("/ lantern▏"), "{typing}");
    h.keys("<Enter>z");
    let screen = h.screen(80, 24);
    insta::assert_snapshot!("journal_search_80x24", screen);
    assert!(
        screen.contains("2 found for “lantern” · n next · N previous"),
        "{screen}"
    );
    // The match past the title shows with the words around it.
    assert!(screen.contains("…g #sleep The lantern by"), "{screen}");
    assert!(screen.contains("Tue 27 Feb 2024"), "{screen}");
    assert_fits(&screen, 80);
    // NO_COLOR (the harness's app has no colour): the marked word is
    // bold and underlined, never told by colour alone.
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| afterglow::ui::render(f, &h.app)).unwrap();
    let marked: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect();
    assert_eq!(marked.to_lowercase(), "lanternlantern", "{marked}");
}

#[test]
fn the_tag_chooser_and_the_jump_prompt_sit_in_the_journal() {
    let mut h = searchable();
    h.keys("2#");
    let chooser = h.screen(80, 24);
    insta::assert_snapshot!("journal_tags_80x24", chooser);
    assert!(chooser.contains("#sleep  2"), "{chooser}");
    assert!(chooser.contains("#outside  1"), "{chooser}");
    h.keys("<Esc>z:2025-13-40<Enter>");
    let jump = h.screen(60, 18);
    assert!(
        jump.contains("Go to (a day or time): 2025-13-40▏"),
        "{jump}"
    );
    assert!(jump.contains("Not a day"), "{jump}");
    assert_fits(&jump, 60);
}

#[test]
fn loading_older_entries_is_one_calm_line_within_60_columns() {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..450 {
        db.add_entry(&NewEntry {
            written_at: t0() - TimeDelta::hours(i + 1),
            body: format!("entry {i}"),
            mood: None,
            session: None,
        })
        .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    // Move near the end of the first page without carrying the page
    // out: the app alone, so the asked-for page stays on its way.
    h.keys("2");
    for _ in 0..170 {
        h.app.update(afterglow::app::Action::Command(
            afterglow::app::Command::Down,
        ));
    }
    assert!(h.app.journal().loading());
    let screen = h.screen(60, 18);
    assert!(screen.contains("loading older entries…"), "{screen}");
    assert_fits(&screen, 60);
}

#[test]
fn a_window_closed_in_another_year_says_which() {
    let mut db = Db::open_in_memory().unwrap();
    db.add_session(&NewSession {
        at: t0() - TimeDelta::days(400),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    let h = Harness::with_db(db, t0());
    let screen = h.screen(120, 30);
    let header: String = screen.lines().take(5).collect::<Vec<_>>().join("\n");
    // 400 days before 23 Nov 2026 is 19 Oct 2025: its year is named.
    assert!(header.contains("Sun 19 Oct 2025"), "{header}");
}

/// A new or renamed habit under an archived one's name is refused in the
/// dialog, naming the keys (from the key map) that bring that one back.
#[test]
fn the_habit_dialog_points_to_an_archived_habit_of_that_name() {
    use afterglow::domain::{HabitKind, HabitRole};
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(t0().date_naive()).unwrap();
    let reading = db
        .add_habit(
            "Reading",
            &HabitKind::YesNo,
            HabitRole::Custom,
            t0().date_naive(),
        )
        .unwrap();
    db.set_archived(reading.id, true).unwrap();
    let mut h = Harness::with_db(db, t0());
    let before = h.db.habits(true).unwrap();
    // Wrapped in the dialog's box: each piece whole on its line.
    let said = [
        "Reading is archived; A in the habits pane lists it, and Enter there",
        "restores it with its history.",
    ];
    h.keys("3nreading<Enter>");
    let screen = h.screen(160, 48);
    assert!(said.iter().all(|s| screen.contains(s)), "{screen}");
    assert_fits(&h.screen(80, 24), 80);
    h.keys("<Esc>e<C-u>READING<Enter>");
    let screen = h.screen(160, 48);
    assert!(said.iter().all(|s| screen.contains(s)), "{screen}");
    assert_eq!(h.db.habits(true).unwrap(), before);
}

/// Everyday names ("Gratitude note", "Morning light walk") are shown whole
/// at 80x24: the grid gives up days for them, down to a week. Where even a
/// week leaves too little room (60x18), the names are cut and the week
/// stays.
#[test]
fn habit_names_get_their_room_before_the_grid_keeps_more_than_a_week() {
    use afterglow::domain::{HabitKind, HabitRole};
    let mut db = Db::open_in_memory().unwrap();
    let start = t0().date_naive() - TimeDelta::days(30);
    db.ensure_defaults(start).unwrap();
    db.add_session(&NewSession {
        at: t0() - TimeDelta::hours(30),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    for name in ["Gratitude note", "Morning light walk"] {
        db.add_habit(name, &HabitKind::YesNo, HabitRole::Custom, start)
            .unwrap();
    }
    let mut h = Harness::with_db(db, t0());
    // The last two rows, in view at every size below.
    h.keys("3jjjj");
    // The grid's days: the letters of the header row after "habit".
    let grid_days = |screen: &str| {
        let head = screen.lines().find(|l| l.contains(" habit ")).unwrap();
        let after = head.split(" habit ").nth(1).unwrap();
        let grid = |w: &&str| w.chars().all(|c| "MTWFS".contains(c));
        after.split_whitespace().find(grid).unwrap().chars().count()
    };
    let small = h.screen(80, 24);
    assert_fits(&small, 80);
    for name in ["Gratitude note ", "Morning light walk "] {
        assert!(small.contains(&format!("┃ {name}")), "{small}");
    }
    assert_eq!(grid_days(&small), 7, "{small}");
    let tiny = h.screen(60, 18);
    assert_fits(&tiny, 60);
    assert!(tiny.contains("┃ Morning… ·"), "{tiny}");
    assert_eq!(grid_days(&tiny), 7, "{tiny}");
    // Wide, the grid keeps its 13 days and more, and the names stay whole.
    let large = h.screen(160, 48);
    assert!(large.contains("Morning light walk "), "{large}");
    assert!(grid_days(&large) > 13, "{large}");
}

/// At the grid's one-year limit the line under the grid keeps the habit's
/// name and the day's value whole at 80x24; the limit is said in the
/// status line on arriving, and beside the value only where it fits.
#[test]
fn the_grids_limit_never_pushes_the_habit_out_of_its_line() {
    let mut h = Harness::new();
    let year_ago = t0().date_naive() - TimeDelta::days(366);
    let sleep = h.db.habit_by_name("Sleep").unwrap().unwrap();
    h.db.set_tick(sleep.id, year_ago, Some(6.0)).unwrap();
    h.reload();
    h.keys("3");
    for _ in 0..365 {
        h.keys("h");
    }
    assert!(h.app.status().is_none_or(|s| !s.text.contains("as far")));
    h.keys("h");
    assert_eq!(h.app.habits().days_back(), 366);
    let status = h.app.status().expect("a note").text.clone();
    assert_eq!(
        status,
        "Sat 22 Nov 2025 is as far back as the grid goes (a year)."
    );
    let small = h.screen(80, 24);
    assert_fits(&small, 80);
    let line = small
        .lines()
        .find(|l| l.contains("Sat 22 Nov 2025: "))
        .unwrap();
    assert!(
        line.contains(" Sleep · Sat 22 Nov 2025: 6 of 7 h "),
        "{small}"
    );
    let large = h.screen(200, 60);
    assert!(
        large.contains(" Sleep · Sat 22 Nov 2025: 6 of 7 h (a year back: the grid's limit) · best"),
        "{large}"
    );
}

/// The header names every day as the lists do (`day_label`): a pause of
/// today is "since Mon 23 Nov", one from another year carries its year,
/// and a window that closes in the new year says which.
#[test]
fn the_headers_days_are_said_as_every_list_says_them() {
    use afterglow::domain::TreatmentStatus;
    use chrono::TimeZone;
    let mut h = after_sessions(&[30]);
    h.keys("f<Right><Enter>");
    let head = header(&h);
    assert!(head.contains("(since Mon 23 Nov)."), "{head}");
    assert!(!head.contains("2026"), "{head}");

    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(t0().date_naive() - TimeDelta::days(600))
        .unwrap();
    db.add_session(&NewSession {
        at: t0() - TimeDelta::days(500),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    db.set_treatment(TreatmentStatus::Pausing, None, t0() - TimeDelta::days(400))
        .unwrap();
    let h = Harness::with_db(db, t0());
    let head = header(&h);
    assert!(head.contains("(since Sun 19 Oct 2025)."), "{head}");

    // The last day of the year, a session the evening before: the window
    // closes in the next one.
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 12, 31, 12, 0, 0)
        .unwrap();
    let mut db = Db::open_in_memory().unwrap();
    db.ensure_defaults(now.date_naive()).unwrap();
    db.add_session(&NewSession {
        at: now - TimeDelta::hours(16),
        kind: SessionKind::Infusion,
        dose_mg: None,
        note: None,
        status: SessionStatus::Done,
    })
    .unwrap();
    let h = Harness::with_db(db, now);
    let wide = h.screen(200, 60);
    assert!(
        wide.contains("Main window typically open until Sat 2 Jan 2027 20:00"),
        "{wide}"
    );
    let title = wide.lines().next().unwrap();
    assert!(title.ends_with("Thu 31 Dec 12:00"), "{title}");
}

/// Every key text of the help stands apart from its words: two spaces at
/// least, or a row of its own, at any width the dashboard draws at.
#[test]
fn no_key_in_the_help_runs_into_its_words() {
    let mut h = lived_in();
    let keys = h.app.settings().keys.clone();
    let mut texts: Vec<(String, String)> = keys
        .help_sections()
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().map(|(k, w)| (k, w.to_string())))
        .collect();
    texts.extend(
        afterglow::app::reading::VIEW_KEYS
            .iter()
            .chain(afterglow::app::legend::LEGEND)
            .map(|(k, w)| (k.to_string(), w.to_string())),
    );
    for (w, hh) in [(60, 18), (80, 24), (200, 60)] {
        sized(&mut h, w, hh);
        h.keys("?");
        let page = h.app.reading().unwrap();
        let rect = page.rect(ratatui::layout::Rect::new(0, 0, w, hh));
        let (inner, _) = afterglow::app::reading::inner(rect);
        let rows: Vec<String> = page
            .rows(inner)
            .iter()
            .map(|r| r.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        for (key, what) in &texts {
            let first_word = what.split(' ').next().unwrap();
            let at = rows
                .iter()
                .position(|r| {
                    r.strip_prefix("  ").is_some_and(|r| {
                        r.starts_with(key.as_str())
                            && (r[key.len()..].is_empty()
                                || r[key.len()..].starts_with("  ")
                                    && r[key.len()..].trim_start().starts_with(first_word))
                    })
                })
                .unwrap_or_else(|| panic!("{w}x{hh}: {key:?} runs into {what:?}:\n{rows:#?}"));
            if rows[at].trim_end() == format!("  {key}") {
                assert!(
                    rows[at + 1].trim_start().starts_with(first_word),
                    "{w}x{hh}: {key:?} then {:?}",
                    rows[at + 1]
                );
            }
        }
        h.keys("<Esc>");
    }
}

/// The timeline's gutter bar, its line for the present and its month lines
/// are explained in the help, beside the other symbols.
#[test]
fn the_help_explains_the_timelines_bar_and_lines() {
    let mut h = lived_in();
    sized(&mut h, 200, 60);
    h.keys("?");
    let page = h.app.reading().unwrap();
    let rows: Vec<String> = page
        .rows(74)
        .iter()
        .map(|r| r.iter().map(|(t, _)| t.as_str()).collect())
        .collect();
    for (mark, word) in [
        ("▌", "a moment inside"),
        ("── now ──", "the present"),
        ("── November ──", "a month begins"),
    ] {
        assert!(
            rows.iter()
                .any(|r| r.trim_start().starts_with(mark) && r.contains(word)),
            "{mark} is not explained:\n{rows:#?}"
        );
    }
}

/// The card's own rows: inside its frame, or the whole screen when it is
/// drawn without one (below the smallest size).
fn card_text(screen: &str) -> String {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let top = lines.iter().position(|l| {
        let t: String = l.iter().collect();
        t.contains("╭ Where to find help") || t.contains("╭ Saved, and kept")
    });
    let rows: Vec<String> = match top {
        None => screen.lines().map(str::to_string).collect(),
        Some(y) => {
            let x = (0..lines[y].len())
                .find(|&i| lines[y][i] == '╭' && matches!(lines[y].get(i + 2), Some('W' | 'S')))
                .unwrap();
            let right = x + lines[y][x..].iter().position(|c| *c == '╮').unwrap();
            lines[y + 1..]
                .iter()
                .take_while(|l| l.get(x) != Some(&'╰'))
                .map(|l| l[x + 1..right.min(l.len())].iter().collect())
                .collect()
        }
    };
    rows.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Below the smallest size the card keeps each paragraph whole or leaves
/// it out: none is cut at the card's end, where no marker would say so.
#[test]
fn the_crisis_card_never_cuts_a_paragraph_at_any_size() {
    let back = "Any key goes back to where you were; nothing you typed is lost.";
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    for low in [false, true] {
        let mut h = lived_in();
        if low {
            h.keys("2nheavy<C-s>1<Enter>");
        } else {
            h.keys("<C-g>");
        }
        assert!(h.app.care().is_some());
        for w in (30..=90u16).step_by(2) {
            for hh in 10..=30u16 {
                let screen = h.screen(w, hh);
                let shown = card_text(&screen);
                for text in [
                    afterglow::care::LOW_MOOD,
                    afterglow::care::IN_DANGER,
                    afterglow::care::TO_TALK,
                    afterglow::care::NOT_MEDICAL_ADVICE,
                    back,
                ] {
                    let start = text
                        .split_whitespace()
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ");
                    assert!(
                        !shown.contains(&start) || shown.contains(&flat(text)),
                        "{w}x{hh}: {start}… is cut:\n{screen}"
                    );
                }
            }
        }
    }
}

/// Entries with moods over the years, one about a kestrel in 2021.
fn kestrel_years() -> Harness {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..40 {
        db.add_entry(&NewEntry {
            written_at: t0() - TimeDelta::days(1_990 + i),
            body: format!("Ordinary day {i}, nothing much"),
            mood: Some(Mood::new(6).unwrap()),
            session: None,
        })
        .unwrap();
    }
    db.add_entry(&NewEntry {
        written_at: t0() - TimeDelta::days(2_000) + TimeDelta::hours(2),
        body: "A slow morning. Then the kestrel hovered over the field".into(),
        mood: Some(Mood::new(5).unwrap()),
        session: None,
    })
    .unwrap();
    Harness::with_db(db, t0())
}

/// The text of the cells drawn bold and underlined.
fn marked_cells(h: &Harness, width: u16, height: u16) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Modifier;
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
    t.draw(|f| afterglow::ui::render(f, &h.app)).unwrap();
    t.backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn narrow_rows_give_their_room_to_the_words() {
    let mut h = kestrel_years();
    // 2,000 days before 23 Nov 2026 (and two hours) is 2 Jun 2021.
    h.keys("2/kestrel<Enter>");
    for (w, ht) in [(80, 24), (60, 18)] {
        let screen = h.screen(w, ht);
        assert!(screen.contains("2 Jun 2021"), "{screen}");
        assert!(!screen.contains("Wed 2 Jun 2021 16:05"), "{screen}");
        assert_eq!(marked_cells(&h, w, ht), "kestrel", "{screen}");
        assert_fits(&screen, usize::from(w));
    }
    // The list after a jump keeps at least 12 cells of words at 60x18.
    h.keys("<Esc>:2021-06-01<Enter>");
    let screen = h.screen(60, 18);
    assert!(screen.contains("Ordinary day"), "{screen}");
    // The timeline too.
    h.keys("1:2021-06-01<Enter>");
    let screen = h.screen(60, 18);
    assert!(screen.contains("✎ Ordinary day"), "{screen}");
    assert_fits(&screen, 60);
}

#[test]
fn the_jump_prompt_keeps_what_is_typed_and_says_why_whole() {
    let mut h = kestrel_years();
    h.keys("2:2021-06-15 10:00");
    let screen = h.screen(60, 18);
    assert!(screen.contains("Go to: 2021-06-15 10:00▏"), "{screen}");
    h.keys("<C-u>banana<Enter>");
    let screen = h.screen(80, 24);
    // The whole sentence, over rows of its own (in the right column,
    // beside whatever the timeline shows).
    let text: String = screen
        .lines()
        .map(|l| l.chars().skip(40).collect::<String>())
        .collect::<Vec<_>>()
        .iter()
        .map(|l| l.trim_matches(|c| c == '┃' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Not a day I know; try 2025-11-03, yesterday, or 2025-11-03 21:00."),
        "{screen}"
    );
    assert!(screen.contains("banana▏"), "{screen}");
    assert_fits(&screen, 80);
}

// ------------------------------------------------- the Insights pane

mod insights_fixture {
    use afterglow::domain::insight::{
        Comparison, DayMood, Group, Insights, Relief, ReliefStatus, Score, Source, Spread,
        WindowSpan,
    };
    use chrono::{DateTime, Duration, NaiveDate, Utc};

    fn at(day: NaiveDate) -> DateTime<Utc> {
        day.and_hms_opt(9, 0, 0).unwrap().and_utc()
    }

    /// Day moods from `(day, mood)`, with the trailing 7-day mean as the
    /// analysis gives it (at least 3 of the 7 days).
    pub fn days(moods: &[(NaiveDate, f64)]) -> Vec<DayMood> {
        moods
            .iter()
            .map(|&(day, mood)| {
                let near: Vec<f64> = moods
                    .iter()
                    .filter(|(d, _)| *d <= day && (day - *d).num_days() < 7)
                    .map(|(_, m)| *m)
                    .collect();
                DayMood {
                    day,
                    mood,
                    trailing: (near.len() >= 3)
                        .then(|| near.iter().sum::<f64>() / near.len() as f64),
                    source: Source::CheckIn,
                }
            })
            .collect()
    }

    fn relief(number: Option<usize>, sessions: &[NaiveDate], relief_days: i64) -> Relief {
        let last = *sessions.last().unwrap();
        Relief {
            number,
            sessions: sessions.len(),
            first_session_at: at(sessions[0]),
            last_session_at: at(last),
            baseline: Some(3.0),
            relief_days: Some(relief_days),
            returned_on: Some(last + Duration::days(relief_days + 1)),
            status: ReliefStatus::Returned,
        }
    }

    /// The issue's Done scenario as the analysis would give it on `today`:
    /// 14 days at mood 3, a course of six sessions over 17 days, mood 7
    /// until 21 days after its last session, then 3; a lone session 60 days
    /// later, 8 days of 7, then 3 again.
    pub fn done(today: NaiveDate) -> Insights {
        let booster = today - Duration::days(20);
        let last = booster - Duration::days(60);
        let first = last - Duration::days(16);
        let course: Vec<NaiveDate> = [0, 3, 6, 10, 13, 16]
            .iter()
            .map(|d| first + Duration::days(*d))
            .collect();
        let mut moods = Vec::new();
        let mut d = first - Duration::days(14);
        while d <= today {
            let relief = (d >= first && d <= last + Duration::days(21))
                || (d > booster && d <= booster + Duration::days(8));
            let mood = if relief { 7.0 } else { 3.0 };
            // People skip a day now and then.
            if (d - first).num_days() % 5 != 2 {
                moods.push((d, mood));
            }
            d += Duration::days(1);
        }
        let sessions: Vec<DateTime<Utc>> =
            course.iter().chain([&booster]).map(|d| at(*d)).collect();
        let windows = sessions
            .iter()
            .map(|s| WindowSpan {
                session_at: *s,
                from: *s + Duration::hours(24),
                until: *s + Duration::days(7),
            })
            .collect();
        let group = |n, mean: f64| Group {
            n,
            mean: Some(mean),
            min: Some(mean - 1.0),
            max: Some(mean + 1.0),
        };
        let questionnaires = [
            (90, 15, "a heavy week"),
            (62, 8, "a week with some weight"),
            (34, 14, "a heavy week"),
            (6, 9, "a week with some weight"),
        ]
        .iter()
        .map(|&(back, total, band)| Score {
            key: "reflection".into(),
            name: "afterglow's weekly reflection".into(),
            at: at(today - Duration::days(back)),
            total,
            band: Some(band.into()),
        })
        .collect();
        Insights {
            checkins: moods.len(),
            journal_moods: 0,
            days: days(&moods),
            sessions,
            windows,
            courses: vec![relief(Some(1), &course, 21)],
            boosters: vec![relief(None, &[booster], 8)],
            booster_spread: Some(Spread {
                n: 1,
                median: 8.0,
                min: 8,
                max: 8,
            }),
            comparisons: vec![
                Comparison {
                    with: "a therapy visit".into(),
                    with_group: group(4, 6.8),
                    others: group(3, 5.9),
                    measure: "mood 7-14 days later".into(),
                    sentence: "After windows with a therapy visit, mood 7-14 days later \
                               averaged 6.8 (n=4, range 5.8-7.8); after the others, 5.9 \
                               (n=3, range 4.9-6.9)."
                        .into(),
                },
                Comparison {
                    with: "most of the plan done".into(),
                    with_group: group(5, 6.5),
                    others: group(2, 5.0),
                    measure: "mood 7-14 days later".into(),
                    sentence: "Most of the plan done: too few to compare (n=5 and n=2).".into(),
                },
            ],
            fading: None,
            questionnaires,
            // The shipped reflection's bands, as the analysis takes them
            // from its file.
            scales: afterglow::config::questionnaires::load(None)
                .questionnaires
                .iter()
                .filter(|q| q.key == "reflection")
                .map(afterglow::domain::insight::Scale::of)
                .collect(),
            sparse: None,
        }
    }

    /// Three days with a mood, nothing else.
    pub fn sparse(today: NaiveDate) -> Insights {
        let moods: Vec<(NaiveDate, f64)> = (0..3)
            .map(|back| (today - Duration::days(back * 2), 5.0 + back as f64))
            .rev()
            .collect();
        Insights {
            checkins: 3,
            days: days(&moods),
            sparse: Some("3 check-ins so far; the chart fills in as you go".into()),
            ..Insights::default()
        }
    }
}

/// The dashboard with `insights` in hand, as if the analysis had answered.
fn with_insights(insights: afterglow::domain::insight::Insights) -> Harness {
    let mut h = lived_in();
    let generation = h.app.generation();
    h.act(afterglow::app::Action::Analysed {
        generation,
        insights: Ok(std::sync::Arc::new(insights)),
    });
    h
}

#[test]
fn the_insights_pane_shows_the_done_scenario_zoomed() {
    let mut h = with_insights(insights_fixture::done(t0().date_naive()));
    h.keys("5");
    let beside = h.screen(80, 24);
    assert_fits(&beside, 80);
    assert!(beside.contains("5 Insights"), "{beside}");
    assert!(beside.contains("Booster of"), "{beside}");
    assert!(beside.contains("8 days"), "{beside}");
    insta::assert_snapshot!("insights_beside_80x24", beside);
    // Zoomed, the course and the booster are both in the table: the
    // charts fill the first page, the rest is a scroll away.
    h.keys("z");
    let mut pages = String::new();
    for _ in 0..6 {
        let screen = h.screen(80, 24);
        assert_fits(&screen, 80);
        assert!(
            screen
                .lines()
                .last()
                .unwrap()
                .ends_with("Ctrl-g crisis help")
        );
        pages.push_str(&screen);
        h.act(afterglow::app::Action::Command(
            afterglow::app::Command::PageDown,
        ));
    }
    for want in [
        "lasted 21 days",
        "lasted 8 days",
        "Course 1",
        "One booster with a relief length so far: 8 days.",
        "therapy visit",
        "afterglow's weekly reflection",
    ] {
        assert!(pages.contains(want), "{want} missing:\n{pages}");
    }
    h.keys("g");
    insta::assert_snapshot!("insights_zoomed_80x24", h.screen(80, 24));
    h.keys("G");
    insta::assert_snapshot!("insights_zoomed_end_80x24", h.screen(80, 24));
    h.keys("g");
    let big = h.screen(200, 60);
    assert_fits(&big, 200);
    insta::assert_snapshot!("insights_zoomed_200x60", big);
    // Each range in turn; everything reaches the first baseline days.
    h.keys("r");
    assert!(h.screen(80, 24).contains("Mood over the last 3 months"));
    h.keys("rr");
    let all = h.screen(200, 60);
    assert!(all.contains("Mood over all your history"), "{all}");
    insta::assert_snapshot!("insights_everything_200x60", all);
    h.keys("r");
    assert!(h.screen(80, 24).contains("Mood over the last 4 weeks"));
    // Nothing breaks at the smallest size.
    let small = h.screen(60, 18);
    assert_fits(&small, 60);
    assert!(
        small.lines().last().unwrap().ends_with("crisis help"),
        "{small}"
    );
}

#[test]
fn the_insights_pane_is_honest_with_sparse_data() {
    let mut h = with_insights(insights_fixture::sparse(t0().date_naive()));
    h.keys("5");
    let beside = h.screen(80, 24);
    assert!(
        beside.contains("3 check-ins so far; the chart fills"),
        "{beside}"
    );
    h.keys("z");
    let zoomed = h.screen(80, 24);
    assert!(zoomed.contains("3 check-ins so far"), "{zoomed}");
    insta::assert_snapshot!("insights_sparse_80x24", zoomed);
    // The relief table comes first below the chart; the questionnaires
    // further down say plainly there are none yet.
    h.keys("G");
    let end = h.screen(80, 24);
    assert!(end.contains("None answered yet."), "{end}");
}

#[test]
fn the_insights_pane_says_it_is_reading_until_the_analysis_arrives() {
    use afterglow::app::{Action, App};
    use afterglow::config::Settings;
    use afterglow::zone::Zone;
    let mut app = App::new(Settings::default(), Zone::utc(), t0(), true);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::Tick(t0()));
    app.update(Action::Loaded(Box::default()));
    assert!(render(&app, 80, 24).contains("Reading your history"));
}

#[test]
fn the_insights_charts_keep_their_meaning_without_colour_and_are_never_red() {
    use afterglow::app::{Action, App};
    use afterglow::config::Settings;
    use afterglow::zone::Zone;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::style::Color;
    let cells = |no_color: bool| {
        let mut app = App::new(Settings::default(), Zone::utc(), t0(), no_color);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::Tick(t0()));
        app.update(Action::Loaded(Box::default()));
        let generation = app.generation();
        app.update(Action::Analysed {
            generation,
            insights: Ok(std::sync::Arc::new(insights_fixture::done(
                t0().date_naive(),
            ))),
        });
        app.update(Action::Command(afterglow::app::Command::Focus(
            afterglow::app::insights::ID,
        )));
        app.update(Action::Command(afterglow::app::Command::Zoom));
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| afterglow::ui::render(f, &app)).unwrap();
        t.backend().buffer().content().to_vec()
    };
    let plain = cells(true);
    assert!(
        plain
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let coloured = cells(false);
    assert!(coloured.iter().any(|c| c.fg != Color::Reset));
    assert!(
        coloured
            .iter()
            .all(|c| !matches!(c.fg, Color::Red | Color::LightRed)),
        "red on the insights pane"
    );
    // The same marks either way: the shapes carry the meaning.
    let text =
        |cells: &[ratatui::buffer::Cell]| -> String { cells.iter().map(|c| c.symbol()).collect() };
    assert_eq!(text(&plain), text(&coloured));
    for mark in ["•", "▄"] {
        assert!(text(&plain).contains(mark), "{mark}");
    }
}

#[test]
fn the_check_in_dialog_and_its_question_render() {
    let mut h = lived_in();
    h.keys("c<Right><Down><Right><Right><Right>");
    let dialog = h.screen(80, 24);
    assert_fits(&dialog, 80);
    for words in [
        "1 = very low … 10 = very good",
        "0 = none … 10 = severe",
        "0 = none … 10 = plenty",
    ] {
        assert!(dialog.contains(words), "{words} in\n{dialog}");
    }
    insta::assert_snapshot!("checkin_dialog_80x24", dialog);
    let small = h.screen(60, 18);
    assert_fits(&small, 60);
    assert!(small.contains("Enter saves"), "{small}");
    insta::assert_snapshot!("checkin_dialog_60x18", small);
    h.keys("<Enter>");
    h.advance(60);
    h.keys("c<Enter>");
    let asked = h.screen(80, 24);
    assert!(asked.contains("(mood 6). Replace it"), "{asked}");
    insta::assert_snapshot!("checkin_same_day_80x24", asked);
    let asked = h.screen(60, 18);
    assert!(
        asked.contains("r replace it") && asked.contains("a keep both"),
        "{asked}"
    );
    insta::assert_snapshot!("checkin_same_day_60x18", asked);
    // A low mood: the crisis lines whole even at the smallest size.
    h.keys("r");
    h.advance(60);
    h.keys("c<Left><Left><Left><Left><Enter>r");
    let care = h.screen(60, 18);
    assert_crisis_whole(&care);
    insta::assert_snapshot!("checkin_low_mood_60x18", care);
    assert_crisis_whole(&h.screen(80, 24));
}

#[test]
fn a_questionnaire_item_and_its_help_render() {
    let mut h = lived_in();
    h.act(afterglow::app::Action::Questionnaires {
        list: afterglow::config::questionnaires::load(None).questionnaires,
        problems: 0,
    });
    h.keys("Q");
    insta::assert_snapshot!("questionnaire_chooser_80x24", h.screen(80, 24));
    h.keys("<Enter>");
    let item = h.screen(80, 24);
    assert_fits(&item, 80);
    insta::assert_snapshot!("questionnaire_item_80x24", item);
    let small = h.screen(60, 18);
    assert_fits(&small, 60);
    assert!(small.contains("Esc leaves"), "{small}");
    insta::assert_snapshot!("questionnaire_item_60x18", small);
    // Six items at the lowest choice, then the safety item at its highest.
    h.keys("1111114");
    for (w, ht) in [(80, 24), (60, 18)] {
        let help = h.screen(w, ht);
        assert_crisis_whole(&help);
        for p in afterglow::care::questionnaire_help(true) {
            let flat = help
                .lines()
                .map(|l| l.trim_matches(|c: char| c == '│' || c == ' '))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(flat.contains(p), "{p:?} whole at {w}x{ht}:\n{help}");
        }
        insta::assert_snapshot!(format!("questionnaire_help_{w}x{ht}"), help);
    }
    h.keys("x");
    insta::assert_snapshot!("questionnaire_total_60x18", h.screen(60, 18));
}

#[test]
fn a_long_list_of_choices_scrolls_and_wraps_at_60x18() {
    let mut h = lived_in();
    h.with_many_choices();
    h.keys("Q1");
    h.keys(&"<Down>".repeat(14));
    let screen = h.screen(60, 18);
    assert_fits(&screen, 60);
    insta::assert_snapshot!("questionnaire_many_choices_60x18", screen);
}
