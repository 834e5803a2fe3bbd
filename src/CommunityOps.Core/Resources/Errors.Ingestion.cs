namespace CommunityOps.Resources;

internal static partial class Errors
{
    // Import inputs: files, folders, zips
    public static ErrorText NothingToImport() => T(nameof(NothingToImport));

    public static ErrorText NoSuchFileOrFolder() => T(nameof(NoSuchFileOrFolder));

    public static ErrorText FileEmpty() => T(nameof(FileEmpty));

    public static ErrorText UnknownFormat(string name, string known) => T(nameof(UnknownFormat), name, known);

    public static ErrorText NotAChatExport(string formats) => T(nameof(NotAChatExport), formats);

    public static ErrorText NoExportOfFormat(string format) => T(nameof(NoExportOfFormat), format);

    public static ErrorText NoChatExport(string formats) => T(nameof(NoChatExport), formats);

    public static ErrorText NotAZip(string reason) => T(nameof(NotAZip), reason);

    public static ErrorText ZipEntryCorrupt(string reason) => T(nameof(ZipEntryCorrupt), reason);

    public static ErrorText ZipEntryBeyondDeclaredSize(long limit) => T(nameof(ZipEntryBeyondDeclaredSize), limit);

    public static ErrorText ZipEntryTooLarge(long expanded, long compressed) => T(nameof(ZipEntryTooLarge), expanded, compressed);

    public static ErrorText ZipTooLarge(long limit) => T(nameof(ZipTooLarge), limit);

    public static ErrorText ZipUnsafePath(string entry) => T(nameof(ZipUnsafePath), entry);

    public static ErrorText UnknownTimeZone(string id) => T(nameof(UnknownTimeZone), id);

    public static ErrorText OptionBetween(string option, int minimum, int maximum) => T(nameof(OptionBetween), option, minimum, maximum);

    // Where in a file
    public static ErrorText Field(string field, ErrorText what) => T(nameof(Field), field, what);

    public static ErrorText Required() => T(nameof(Required));

    public static ErrorText RequiredOnUser() => T(nameof(RequiredOnUser));

    public static ErrorText RequiredOnConversation() => T(nameof(RequiredOnConversation));

    public static ErrorText RequiredOnMessage() => T(nameof(RequiredOnMessage));

    public static ErrorText RequiredOnReaction() => T(nameof(RequiredOnReaction));

    public static ErrorText RequiredActivityType() => T(nameof(RequiredActivityType));

    // JSON
    /// <summary><paramref name="detail"/>: System.Text.Json's own words, kept as they are.</summary>
    public static ErrorText InvalidJson(string detail) => T(nameof(InvalidJson), detail);

    public static ErrorText InvalidJson(ErrorText detail) => T(nameof(InvalidJson), detail);

    public static ErrorText JsonTruncated() => T(nameof(JsonTruncated));

    public static ErrorText JsonEndsAfterPropertyName() => T(nameof(JsonEndsAfterPropertyName));

    public static ErrorText StringNotUtf8() => T(nameof(StringNotUtf8));

    public static ErrorText JsonOneObjectPerLine() => T(nameof(JsonOneObjectPerLine));

    public static ErrorText JsonObjectNotClosed() => T(nameof(JsonObjectNotClosed));

    public static ErrorText JsonMoreThanOneValue() => T(nameof(JsonMoreThanOneValue));

    public static ErrorText JsonEndsWhereExpected(ErrorText what) => T(nameof(JsonEndsWhereExpected), what);

    public static ErrorText Expected(ErrorText what) => T(nameof(Expected), what);

    public static ErrorText ExpectedDiscordRoot() => T(nameof(ExpectedDiscordRoot));

    public static ErrorText ExpectedTelegramRoot() => T(nameof(ExpectedTelegramRoot));

    public static ErrorText ExpectedMessagesArray() => T(nameof(ExpectedMessagesArray));

    public static ErrorText ExpectedChatListObject() => T(nameof(ExpectedChatListObject));

    public static ErrorText ExpectedChatListArray() => T(nameof(ExpectedChatListArray));

    public static ErrorText ExpectedMessageObject() => T(nameof(ExpectedMessageObject));

    public static ErrorText ExpectedMessageInMessages() => T(nameof(ExpectedMessageInMessages));

    public static ErrorText ExpectedChatObject() => T(nameof(ExpectedChatObject));

    public static ErrorText JsonArrayNotClosed() => T(nameof(JsonArrayNotClosed));

    public static ErrorText ExpectedJsonArrayFoundNothing() => T(nameof(ExpectedJsonArrayFoundNothing));

    /// <summary><paramref name="found"/>: one of the Json* token words, or a token's own name.</summary>
    public static ErrorText ExpectedJsonArrayFound(object found) => T(nameof(ExpectedJsonArrayFound), found);

    public static ErrorText JsonObjectWord() => T(nameof(JsonObjectWord));

    public static ErrorText JsonStringWord() => T(nameof(JsonStringWord));

    public static ErrorText JsonNumberWord() => T(nameof(JsonNumberWord));

    // CSV
    public static ErrorText QuotedFieldNotClosed() => T(nameof(QuotedFieldNotClosed));

    public static ErrorText QuotedFieldNeverClosed() => T(nameof(QuotedFieldNeverClosed));

    public static ErrorText ColumnCount(int expected, int found) => T(nameof(ColumnCount), expected, found);

    // JSONL
    public static ErrorText NotRfc3339Time(string value) => T(nameof(NotRfc3339Time), value);

    // Telegram
    public static ErrorText NotTelegramExport() => T(nameof(NotTelegramExport));

    public static ErrorText NotTelegramHtmlPage() => T(nameof(NotTelegramHtmlPage));

    public static ErrorText ChatIdBeforeMessages() => T(nameof(ChatIdBeforeMessages));

    public static ErrorText MessageNeedsNumericId() => T(nameof(MessageNeedsNumericId));

    public static ErrorText MessageWithoutNumericId(string id) => T(nameof(MessageWithoutNumericId), id);

    public static ErrorText MessageHasNoBody(long id) => T(nameof(MessageHasNoBody), id);

    public static ErrorText NotUnixSeconds(string value) => T(nameof(NotUnixSeconds), value);

    public static ErrorText NotTelegramDate(string value) => T(nameof(NotTelegramDate), value);

    public static ErrorText NotTelegramHtmlTime(string value) => T(nameof(NotTelegramHtmlTime), value);

    // Discord
    public static ErrorText NotDiscordExport() => T(nameof(NotDiscordExport));

    public static ErrorText NotDiscordCsv() => T(nameof(NotDiscordCsv));

    public static ErrorText GuildBeforeChannel() => T(nameof(GuildBeforeChannel));

    public static ErrorText GuildAndChannelBeforeMessages() => T(nameof(GuildAndChannelBeforeMessages));

    public static ErrorText DiscordCsvFieldCount(int found) => T(nameof(DiscordCsvFieldCount), found);

    public static ErrorText NotDiscordDate(string value) => T(nameof(NotDiscordDate), value);

    public static ErrorText NotIsoTime(string value) => T(nameof(NotIsoTime), value);

    // Slack
    public static ErrorText NotSlackExport() => T(nameof(NotSlackExport));

    public static ErrorText NotSlackTimestamp(string value) => T(nameof(NotSlackTimestamp), value);

    // WhatsApp
    public static ErrorText NotWhatsAppLine() => T(nameof(NotWhatsAppLine));

    public static ErrorText NoWhatsAppMessages() => T(nameof(NoWhatsAppMessages));

    public static ErrorText DateNeitherMonth(string date) => T(nameof(DateNeitherMonth), date);

    public static ErrorText DatesMixOrders(long firstLine, long secondLine) => T(nameof(DatesMixOrders), firstLine, secondLine);

    public static ErrorText CannotReadDateTime(string date, int hour, int minute, ErrorText order) => T(nameof(CannotReadDateTime), date, hour, minute, order);

    public static ErrorText DayMonthYear() => T(nameof(DayMonthYear));

    public static ErrorText MonthDayYear() => T(nameof(MonthDayYear));

    public static ErrorText YearMonthDay() => T(nameof(YearMonthDay));

    public static ErrorText YearDayMonth() => T(nameof(YearDayMonth));

    // WeChat
    public static ErrorText NotWeChatCsvHeader() => T(nameof(NotWeChatCsvHeader));

    public static ErrorText WeChatUsersNotObject() => T(nameof(WeChatUsersNotObject));

    public static ErrorText NotEpochSeconds(string value) => T(nameof(NotEpochSeconds), value);

    public static ErrorText NotMessageTypeNumber(string value) => T(nameof(NotMessageTypeNumber), value);

    public static ErrorText NotWeChatTime(string value) => T(nameof(NotWeChatTime), value);
}
