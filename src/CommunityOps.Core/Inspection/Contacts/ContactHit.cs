namespace CommunityOps.Inspection.Contacts;

public enum ContactKind
{
    /// <summary>Mainland China mobile number, 1[3-9] + 9 digits, also with +86 and with separators inside.</summary>
    ChineseMobile,

    /// <summary>A number written with a leading + or 00 country code, 8 to 15 digits.</summary>
    InternationalPhone,

    /// <summary>A WeChat id after a WeChat word, or a disguise of the word itself (加V, 薇信, v信).</summary>
    WeChat,

    /// <summary>A 5 to 11 digit number next to a QQ word (qq, 扣扣, 企鹅, 群号).</summary>
    QQ,

    Email,

    /// <summary>An http(s) or www. link.</summary>
    Url,

    /// <summary>A bare domain with a known top-level domain (example.top).</summary>
    Domain,

    /// <summary>A Telegram, Discord or WhatsApp invite link (t.me/..., discord.gg/..., chat.whatsapp.com/...).</summary>
    Invite,
}

/// <summary>One contact found at [Start, Start + Length) of the original text; <see cref="Value"/> is the digits, id, address or host.</summary>
public readonly record struct ContactHit(ContactKind Kind, int Start, int Length, string Value);
