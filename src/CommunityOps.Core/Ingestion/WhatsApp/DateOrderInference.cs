using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WhatsApp;

/// <summary>
/// Works out from all the headers of one file whether its dates are day-first or month-first (the
/// phone's locale decides, and the file does not say). In order of strength: a number above 12 can only
/// be a day; a chat is in time order, so the reading with fewer backward steps wins; the day changes
/// more often than the month. When nothing tells them apart, day-first (most locales; month-first after a year) with a warning.
/// </summary>
internal sealed class DateOrderInference(string file)
{
    private long _firstOver12Line;
    private long _secondOver12Line;
    private long _backwardsIfDayFirst;
    private long _backwardsIfMonthFirst;
    private long _firstChanges;
    private long _secondChanges;
    private int _lastFirst = -1;
    private int _lastSecond = -1;
    private int _lastYear = -1;
    private bool _isYearFirst;
    private bool _seen;

    public void Observe(in WhatsAppHeader header, long line)
    {
        if (!_seen)
        {
            _seen = true;
            _isYearFirst = header.IsYearFirst;
        }
        // Year-first dates keep day and month in the last two places; the others in the first two.
        var (first, second, year) = _isYearFirst ? (header.B, header.C, header.A) : (header.A, header.B, header.C);
        if (first > 12 && second > 12)
        {
            throw ImportException.At(file, line, Errors.DateNeitherMonth(header.DateText));
        }
        if (first > 12 && _firstOver12Line == 0)
        {
            _firstOver12Line = line;
        }
        if (second > 12 && _secondOver12Line == 0)
        {
            _secondOver12Line = line;
        }
        if (_firstOver12Line > 0 && _secondOver12Line > 0)
        {
            throw ImportException.At(file, Math.Max(_firstOver12Line, _secondOver12Line),
                Errors.DatesMixOrders(Math.Min(_firstOver12Line, _secondOver12Line), Math.Max(_firstOver12Line, _secondOver12Line)));
        }
        if (_lastYear >= 0)
        {
            if (year == _lastYear)
            {
                if ((second, first).CompareTo((_lastSecond, _lastFirst)) < 0)
                {
                    _backwardsIfDayFirst++;
                }
                if ((first, second).CompareTo((_lastFirst, _lastSecond)) < 0)
                {
                    _backwardsIfMonthFirst++;
                }
            }
            _firstChanges += first != _lastFirst ? 1 : 0;
            _secondChanges += second != _lastSecond ? 1 : 0;
        }
        (_lastFirst, _lastSecond, _lastYear) = (first, second, year);
    }

    /// <summary>The order of the file's dates; <paramref name="guessed"/> when the evidence was a tie.</summary>
    public DateOrder Decide(out bool guessed)
    {
        guessed = false;
        bool dayFirst;
        if (_firstOver12Line > 0 || _secondOver12Line > 0)
        {
            dayFirst = _firstOver12Line > 0;
        }
        else if (_backwardsIfDayFirst != _backwardsIfMonthFirst)
        {
            dayFirst = _backwardsIfDayFirst < _backwardsIfMonthFirst;
        }
        else if (_firstChanges != _secondChanges)
        {
            dayFirst = _firstChanges > _secondChanges;
        }
        else
        {
            // Day before month for d/m/y and m/d/y files (most locales), month before day after a year (ISO).
            dayFirst = !_isYearFirst;
            guessed = true;
        }
        return (_isYearFirst, dayFirst) switch
        {
            (true, true) => DateOrder.YearDayMonth,
            (true, false) => DateOrder.YearMonthDay,
            (false, true) => DateOrder.DayMonthYear,
            _ => DateOrder.MonthDayYear,
        };
    }

    public static ErrorText Describe(DateOrder order) => order switch
    {
        DateOrder.DayMonthYear => Errors.DayMonthYear(),
        DateOrder.MonthDayYear => Errors.MonthDayYear(),
        DateOrder.YearMonthDay => Errors.YearMonthDay(),
        _ => Errors.YearDayMonth(),
    };
}
