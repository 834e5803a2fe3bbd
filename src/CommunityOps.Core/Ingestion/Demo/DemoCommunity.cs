using CommunityOps.Ingestion.Common;

namespace CommunityOps.Ingestion.Demo;

/// <summary>
/// One simulated group: heavy-tailed member activity that fades, a daily and weekly rhythm, joins by
/// invitation, link or unknown source, leaves and returns, questions answered by operators after
/// realistic delays inside working hours, replies, reactions, mentions and the odd ad.
/// </summary>
internal sealed class DemoCommunity
{
    private static readonly double[] ChineseHours = [1, 0.5, 0.2, 0.1, 0.1, 0.2, 0.8, 2, 4, 5, 4, 4, 6, 5, 3, 3, 3, 3, 4, 5, 7, 8, 6, 3];
    private static readonly double[] EnglishHours = [0.8, 0.4, 0.2, 0.1, 0.1, 0.3, 1, 2, 3, 4, 5, 5, 4, 4, 5, 5, 4, 3, 3, 4, 5, 4, 3, 2];

    private readonly Random _r;
    private readonly DateOnly _start;
    private readonly DateOnly _end;
    private readonly bool _chinese;
    private readonly string _id;
    private readonly string _name;
    private readonly string _platform;
    private readonly TimeZoneInfo _zone;
    private readonly string[] _channels;
    private readonly List<DemoEvent> _events = [];
    private readonly List<Person> _people = [];
    private readonly List<Person> _staff = [];
    private readonly HashSet<string> _reactions = [];
    private int _messageSeq;

    public DemoCommunity(int index, Random random, DateOnly start, DateOnly end)
    {
        _r = random;
        _start = start;
        _end = end;
        _chinese = index % 5 != 1 && index % 5 != 3;
        var names = _chinese ? DemoText.ChineseCommunities : DemoText.EnglishCommunities;
        var round = index / names.Length;
        _name = names[index % names.Length] + (round == 0 ? "" : _chinese ? $" {round + 1}群" : $" #{round + 1}");
        _id = $"demo-{index + 1}";
        _platform = _chinese ? "wechat" : index % 2 == 0 ? "telegram" : "discord";
        _zone = TimeParsing.FindZone(_chinese ? "Asia/Shanghai" : index % 3 == 0 ? "Europe/London" : "America/New_York");
        _channels = _platform == "discord" ? ["general", "help", "showcase"] : [];
    }

    private sealed class Person(string id, string name, bool isStaff, double rate, int fadeDay)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public bool IsStaff { get; } = isStaff;
        public double Rate { get; } = rate;
        public int FadeDay { get; } = fadeDay;
        public bool IsIn { get; set; }
        public int LeftDay { get; set; } = -1;
        public bool Returns { get; set; }
    }

    public List<DemoEvent> Simulate()
    {
        var staffCount = 2 + _r.Next(2);
        for (var i = 0; i < staffCount; i++)
        {
            var name = _chinese ? $"运营-{DemoText.ChineseName(_r)}" : $"{DemoText.EnglishName(_r)} (team)";
            var s = new Person($"{_id}-staff{i + 1}", name, true, 0, int.MaxValue) { IsIn = true };
            _staff.Add(s);
            Join(s, 0, 8 + i, null, null);
        }
        var founders = 30 + (int)(Pareto(1.3) * 40);
        founders = Math.Min(founders, 600);
        var days = _end.DayNumber - _start.DayNumber + 1;
        for (var i = 0; i < founders; i++)
        {
            var p = NewPerson();
            Join(p, _r.Next(Math.Min(7, days)), 9 + _r.NextDouble() * 12, _r.NextDouble() < 0.6 ? _staff[0] : null, null);
        }
        var dailyJoins = Math.Max(0.3, founders * 0.012);
        for (var d = 0; d < days; d++)
        {
            var day = _start.AddDays(d);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var j = Poisson(dailyJoins * (weekend ? 1.3 : 1)); j > 0; j--)
            {
                var roll = _r.NextDouble();
                var members = _people.Where(p => p.IsIn).ToList();
                Person? inviter = roll < 0.45 && members.Count > 0 ? members[_r.Next(members.Count)] : null;
                Join(NewPerson(), d, SampleHour(), inviter, roll is >= 0.45 and < 0.8 ? "link" : null);
            }
            foreach (var p in _people.Where(p => !p.IsIn && p.Returns && p.LeftDay >= 0 && d - p.LeftDay > 5).ToList())
            {
                if (_r.NextDouble() < 0.08)
                {
                    p.Returns = false;
                    Join(p, d, SampleHour(), null, "link");
                }
            }
            SimulateDay(d, weekend);
        }
        return _events;
    }

    private Person NewPerson()
    {
        var n = _people.Count + 1;
        var rate = Math.Min(25, Math.Exp(-1.4 + 1.3 * Gaussian()));
        var p = new Person($"{_id}-u{n}", _chinese ? DemoText.ChineseName(_r) : DemoText.EnglishName(_r), false, rate, (int)(-Math.Log(1 - _r.NextDouble()) * 70));
        _people.Add(p);
        return p;
    }

    private void SimulateDay(int d, bool weekend)
    {
        var day = _start.AddDays(d);
        var recent = new List<DemoEvent>();
        foreach (var p in _people)
        {
            if (!p.IsIn)
            {
                continue;
            }
            if (_r.NextDouble() < 0.0025)
            {
                Leave(p, d);
                continue;
            }
            var fade = d > p.FadeDay ? 0.08 : 1.0;
            var count = Poisson(p.Rate * fade * (weekend ? 0.75 : 1));
            for (var k = 0; k < count; k++)
            {
                var hour = SampleHour();
                var channel = _channels.Length == 0 ? null : _channels[_r.Next(10) < 7 ? 0 : 1 + _r.Next(_channels.Length - 1)];
                var roll = _r.NextDouble();
                if (roll < 0.003)
                {
                    var ads = _chinese ? DemoText.ChineseAds : DemoText.EnglishAds;
                    Message(p, day, hour, channel, ads[_r.Next(ads.Length)], null);
                }
                else if (roll < 0.12)
                {
                    var q = Message(p, day, hour, channel, Pick(_chinese ? DemoText.ChineseQuestions : DemoText.EnglishQuestions), null);
                    Answer(q, day, hour, channel);
                }
                else
                {
                    DemoEvent? replyTo = recent.Count > 0 && _r.NextDouble() < 0.15 ? recent[_r.Next(recent.Count)] : null;
                    var text = Pick(_chinese ? DemoText.ChineseChat : DemoText.EnglishChat).Replace("{n}", (1 + _r.Next(60)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                    var mentions = _r.NextDouble() < 0.05 ? 1 : 0;
                    var m = Message(p, day, hour, channel, text, replyTo?.Id, mentions);
                    recent.Add(m);
                    React(m, day, hour);
                }
            }
        }
    }

    private void Answer(DemoEvent question, DateOnly day, double hour, string? channel)
    {
        if (_r.NextDouble() < 0.05)
        {
            return; // some questions slip through; the response metrics should show it
        }
        // Operators work 9:00-21:00; a question after hours waits for the next morning.
        var delayMinutes = Math.Exp(1.8 + 1.1 * Gaussian());
        var answerHour = hour + delayMinutes / 60;
        var answerDay = day;
        if (answerHour >= 21 || hour < 9)
        {
            answerDay = hour < 9 ? day : day.AddDays(1);
            answerHour = 9 + _r.NextDouble() * 1.5;
        }
        if (answerDay > _end)
        {
            return;
        }
        var staff = _staff[_r.Next(_staff.Count)];
        Message(staff, answerDay, answerHour, channel, Pick(_chinese ? DemoText.ChineseAnswers : DemoText.EnglishAnswers), question.Id);
    }

    private void React(DemoEvent message, DateOnly day, double hour)
    {
        for (var n = Poisson(0.35); n > 0; n--)
        {
            var reactor = _people[_r.Next(_people.Count)];
            if (!reactor.IsIn || reactor.Id == message.Member)
            {
                continue;
            }
            var emoji = DemoText.Emoji[_r.Next(DemoText.Emoji.Length)];
            if (!_reactions.Add($"{message.Id}:{reactor.Id}:{emoji}"))
            {
                continue;
            }
            _events.Add(new DemoEvent("reaction", _id, _name, _platform, _zone.Id, message.Channel, $"{message.Id}:{reactor.Id}:{emoji}",
                reactor.Id, reactor.Name, false, DemoEvent.ToMs(day, Math.Min(23.99, hour + _r.NextDouble()), _zone), Message: message.Id, Emoji: emoji));
        }
    }

    private DemoEvent Message(Person p, DateOnly day, double hour, string? channel, string text, string? replyTo, int mentions = 0)
    {
        var e = new DemoEvent("message", _id, _name, _platform, _zone.Id, channel, $"{_id}-m{++_messageSeq}", p.Id, p.Name, p.IsStaff,
            DemoEvent.ToMs(day, Math.Min(23.99, hour), _zone), text, replyTo, Mentions: mentions);
        _events.Add(e);
        return e;
    }

    private void Join(Person p, int d, double hour, Person? inviter, string? link)
    {
        p.IsIn = true;
        _events.Add(new DemoEvent("join", _id, _name, _platform, _zone.Id, null, $"{p.Id}:join:{d}", p.Id, p.Name, p.IsStaff,
            DemoEvent.ToMs(_start.AddDays(d), Math.Min(23.99, hour), _zone), Inviter: inviter?.Id, InviteLink: link));
    }

    private void Leave(Person p, int d)
    {
        p.IsIn = false;
        p.LeftDay = d;
        p.Returns = _r.NextDouble() < 0.2;
        _events.Add(new DemoEvent("leave", _id, _name, _platform, _zone.Id, null, $"{p.Id}:leave:{d}", p.Id, p.Name, false,
            DemoEvent.ToMs(_start.AddDays(d), SampleHour(), _zone)));
    }

    private double SampleHour()
    {
        var weights = _chinese ? ChineseHours : EnglishHours;
        var total = weights.Sum();
        var x = _r.NextDouble() * total;
        for (var h = 0; h < 24; h++)
        {
            x -= weights[h];
            if (x <= 0)
            {
                return h + _r.NextDouble();
            }
        }
        return 23.5;
    }

    private string Pick(string[] options) => options[_r.Next(options.Length)];

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _r.NextDouble())) * Math.Cos(2 * Math.PI * _r.NextDouble());

    private double Pareto(double alpha) => Math.Pow(1 - _r.NextDouble(), -1 / alpha) - 1;

    private int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Gaussian()));
        }
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= _r.NextDouble();
        }
        while (p > l);
        return k - 1;
    }
}
