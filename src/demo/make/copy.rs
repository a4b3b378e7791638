//! The made-up person's words: notes, intentions, reflections, check-in
//! notes and the pieces their journal is written from.

pub(super) const SESSION_NOTES: &[&str] = &[
    "Calm room, eye mask, the rain playlist.",
    "A little queasy at first; it settled after ten minutes.",
    "Brought the blanket from home.",
    "Sam picked me up afterwards and we walked slowly.",
    "The nurse checked in twice; felt looked after.",
    "Music: piano, then nothing at all.",
    "Lay very still. Mostly colours.",
    "Cried a little near the end; it felt like letting go.",
    "Rested for an hour afterwards before going home.",
    "Quiet session. Not much to report, and that is fine.",
    "Came home, had soup, slept early.",
];

pub(super) const INTENTIONS: &[&str] = &[
    "Meet whatever comes with curiosity.",
    "Let go of the need to control how it goes.",
    "Notice where I hold tension, and breathe there.",
    "Be kind to the younger me.",
    "Listen more than I try to understand.",
    "Find the thread back to what I enjoy.",
    "Rest without having to earn it.",
    "Ask: what is asking for my attention?",
    "Stay with the breath when it gets strange.",
    "Let the music carry me 🌊",
    "Look at the grief without fixing it.",
    "Be open to feeling safe.",
    "Notice the old story, and let it pass.",
    "Soften towards my body.",
    "Trust that I can come back to myself.",
    "See what wants to be seen 🌱",
];

pub(super) const REFLECTIONS: &[&str] = &[
    "It was gentler than I feared. I kept coming back to the breath.",
    "Less happened than I hoped, and that was all right.",
    "I saw my grandmother's kitchen. Cried, then felt lighter.",
    "The intention held. Curiosity did most of the work.",
    "Mostly colours and a sense of space ✨ Hard to put into words.",
    "I noticed how often I brace. Practising softening since.",
    "Not much to say yet; writing more in the journal.",
    "The tension was in my jaw. Knowing that helps.",
    "It felt like being held. I want to remember that feeling.",
    "Restless at first, then very still. The stillness stayed for a day.",
    "A hard moment in the middle; the nurse's voice helped me through.",
    "I met the old story and did not have to argue with it.",
    "Quiet, almost boring. Maybe boring is a kind of safety.",
    "Came back with one clear thought: slow down.",
];

pub(super) const THERAPY_NOTES: &[&str] = &[
    "Integration session: talked through the images of water.",
    "Went over the intention and what came up.",
    "Suggested a body scan before bed this week.",
    "Talked about sleep and the week ahead.",
    "Named the pattern of bracing; homework is to notice it.",
    "Mostly about my father. Heavy, and useful.",
    "Checked in on mood; steadier than a month ago.",
    "Planned small steps for the integration weeks.",
    "Talked about boundaries at work.",
    "Short session; we agreed I am doing the work.",
];

pub(super) const OPENERS_LOW: &[&str] = &[
    "Heavy morning.",
    "Tired, and a bit flat today.",
    "Hard to get going.",
    "Grey day, grey mood.",
    "Woke at four and could not get back to sleep.",
    "Everything took longer than it should.",
    "Low today. Writing it down anyway.",
    "A tight chest most of the afternoon.",
    "The old worry came back today.",
    "Not much to say; a heavy day.",
    "Irritable with everyone, me included.",
];

pub(super) const OPENERS_MID: &[&str] = &[
    "Ordinary day.",
    "Quiet day.",
    "Some calm, some noise.",
    "A slow kind of day.",
    "Busy at work, fine at home.",
    "Nothing special, and that is fine.",
    "Rain again ☔",
    "Short entry.",
    "Mixed day.",
    "Tea and a long look out of the window 🍵",
    "Steady.",
];

pub(super) const OPENERS_HIGH: &[&str] = &[
    "Lighter today 🌱",
    "Woke up before the alarm and felt rested.",
    "Something softened.",
    "Good day. Really good, actually.",
    "Sun through the kitchen window ☀️",
    "Laughed properly for the first time in a while.",
    "Calm all day, even in the meeting.",
    "A day with room in it.",
    "Felt at home in my body today.",
    "✨ Small joys everywhere.",
    "Light and clear, like after rain.",
];

pub(super) const AFTER_SESSION: &[&str] = &[
    "Still some images from the session: a wide blue space 🌊",
    "The session is still echoing, softly.",
    "The music from the session is still with me.",
    "Resting today, as planned.",
    "My shoulders let go during the session, and they have stayed down.",
    "Colours seem brighter since the session.",
    "Wrote down what I remembered before it faded.",
    "A gentle, quiet day after the session.",
    "Tender and open today; kept the day small.",
    "Remembered the feeling of floating above the kitchen table.",
    "Slept long after the session and woke up clear.",
];

pub(super) const BEFORE_SESSION: &[&str] = &[
    "Session tomorrow. A bit nervous, mostly curious.",
    "Packed the blanket and the eye mask for tomorrow.",
    "Thinking about my intention for tomorrow.",
    "A bit nervous about tomorrow. That is allowed.",
    "Planning an early night before the session.",
];

pub(super) const DETAILS: &[&str] = &[
    "Walked along the river after lunch #walk",
    "Called my sister; we laughed about something from years ago. #family",
    "Made soup and ate it slowly.",
    "Read three chapters before bed 📖",
    "Slept badly, woke at four. #sleep",
    "The café on the corner had a new playlist.",
    "Wrote down a dream: a house with too many doors.",
    "A colleague said something kind and I let it land.",
    "Let the dishes wait.",
    "Sat on the balcony with tea.",
    "今日は少しずつ (today, little by little).",
    "Tried to make crème brûlée; not a success 😅",
    "Déjà vu on the bus, oddly comforting.",
    "Watered the plants and talked to them a little 🪴",
    "The neighbour's cat visited again 🐈",
    "Long call with Mum. #family",
    "Cooked for friends; the kitchen was loud and warm.",
    "Forty minutes in the park without my phone #walk",
    "Cleared my desk; it helped more than expected.",
    "Noticed I was holding my breath in traffic.",
    "A stranger held the door and smiled.",
    "Finally fixed the bike 🚲",
    "Swam twenty lengths. #swim",
    "Did the body scan before bed. #sleep",
    "Skipped the news today.",
    "Rainy walk 🌧️, soaked and oddly happy. #walk",
    "Worked from the library; quiet and good.",
    "Baked bread. The whole flat smells of it 🍞",
    "Sorted old photos; a few tears, mostly fondness.",
    "Slept nine hours 😴 #sleep",
    "Yoga video in the living room, wobbly but done.",
    "Messaged an old friend after a long silence. #friends",
    "Ate lunch away from the screen.",
    "The moon was huge last night 🌙",
    "Listened to a whole album without doing anything else 🎧",
    "Had a hard conversation at work and stayed steady.",
    "Bought tulips for no reason 🌷",
    "Met Jo for coffee; we talked for two hours. #friends",
    "Went to bed without scrolling.",
    "My hands were cold all day.",
    "Cleaned the windows; the light is different now.",
    "Naïve question of the day: what if it can be easy?",
    "海を見に行った (went to see the sea) 🌊",
];

pub(super) const REFLECTIVE: &[&str] = &[
    "What I want more of: slow mornings.",
    "I can be gentle with the part of me that worries.",
    "Noticing the old story again, and not following it.",
    "Small steps count.",
    "I don't have to solve everything today.",
    "There is more space between the feeling and the reaction.",
    "Grief and relief can sit in the same chair.",
    "I keep coming back to the idea of home.",
    "Rest is not a reward; it is allowed.",
    "The critic was quieter today.",
    "I want to keep the promise I made to myself about walking.",
    "Less bracing. More breathing.",
    "I can ask for help before it gets heavy.",
    "Curious rather than afraid: that is the practice.",
    "Some days the work is getting through, and that counts too.",
    "The change is slow, but it is there when I look back.",
];

pub(super) const CLOSERS: &[&str] = &[
    "Enough for today.",
    "An early night today.",
    "Grateful for small things 🙏",
    "Tomorrow: walk first, then email.",
    "Going gently 🌙",
    "That's all.",
    "More tomorrow, maybe.",
    "💛",
    "Note to self: drink water.",
];

pub(super) const GOOD_THINGS: &[&str] = &[
    "warm bread",
    "a long shower",
    "the walk home",
    "a message from Lea",
    "sunlight on the desk",
    "a quiet train",
    "birdsong at six",
    "a good cup of tea 🍵",
    "finishing the book",
    "laughing at a bad joke",
    "the cat asleep on my feet",
    "clean sheets",
];

pub(super) const EMOJI: &[&str] = &["🌱", "🌊", "✨", "🌙", "☀️", "🍵", "💛", "🌿"];

/// One line with a check-in, on a low day.
pub(super) const CHECKIN_LOW: &[&str] = &[
    "Slow start; taking the morning gently.",
    "Tired before the day began.",
    "Flat. Got outside for ten minutes anyway.",
    "Soup, blanket, early night.",
    "Everything feels a long way off today.",
    "Low, and that is where I am today.",
    "Broken sleep again.",
    "A grey one, inside and out.",
    "Did one small thing. That will do.",
    "Short with Sam; said sorry later.",
    "Mostly on the sofa this evening.",
    "Sad without a clear reason.",
    "Heavy legs, heavy head.",
];

/// One line with a check-in, on an ordinary day.
pub(super) const CHECKIN_MID: &[&str] = &[
    "An ordinary day, which is fine.",
    "Busy at work, calm at home.",
    "Restless, better after a walk.",
    "Slept badly but the day went all right.",
    "Cooked a proper dinner for once.",
    "Good morning, slow afternoon.",
    "Phoned Mum.",
    "Some worry about work; nothing big.",
    "Steady.",
    "Read for an hour before bed.",
    "Rainy; stayed in and tidied up.",
    "Neither here nor there today.",
];

/// One line with a check-in, on a lighter day.
pub(super) const CHECKIN_HIGH: &[&str] = &[
    "Light and clear-headed.",
    "Laughed a lot at lunch.",
    "Noticed the trees on the way to work.",
    "Energy for a longer walk today.",
    "Felt like myself.",
    "Easy day; slept well.",
    "Long chat with an old friend.",
    "Music sounds good again.",
    "Calm, even in the meeting.",
    "Friends over for dinner; a full table.",
    "Patient with myself today.",
    "Woke up curious about the day.",
];
