namespace CommunityOps.Ingestion.WeChat;

/// <summary>
/// Message types: MemoTrace writes WeChat's numbers (Type, SubType), PyWxDump its own names for them
/// (type_converter in pywxdump/db/dbMSG.py). Both map to a media kind, a notice, or nothing.
/// </summary>
internal static class WeChatTypes
{
    public static (RowKind Kind, string? Media) FromCode(int type, int subType) => (type, subType) switch
    {
        (1, _) => (RowKind.Message, null),
        (3, _) => (RowKind.Message, "photo"),
        (34, _) => (RowKind.Message, "voice"),
        (43, _) => (RowKind.Message, "video"),
        (47, _) => (RowKind.Message, "sticker"),
        (48, _) => (RowKind.Message, "location"),
        (42, _) => (RowKind.Message, "contact"),
        (50, _) => (RowKind.Message, "call"),
        (49, 0 or 6) => (RowKind.Message, "file"),
        (49, 8) => (RowKind.Message, "sticker"),
        (49, 17) => (RowKind.Message, "location"),
        (49, 19) => (RowKind.Message, "forward"),
        (49, 57) => (RowKind.Message, null), // a reply quoting another message
        (49, 2000 or 2001 or 2003) => (RowKind.Message, "transfer"),
        (49, _) => (RowKind.Message, "link"),
        (10000 or 10002, _) => (RowKind.Notice, null),
        (37, _) => (RowKind.Ignored, null), // friend request
        _ => (RowKind.Message, "other"),
    };

    public static (RowKind Kind, string? Media) FromName(string typeName)
    {
        var name = typeName.StartsWith("(分享)", StringComparison.Ordinal) ? typeName["(分享)".Length..] : typeName;
        return name switch
        {
            "文本" or "引用回复" => (RowKind.Message, null),
            "图片" => (RowKind.Message, "photo"),
            "语音" => (RowKind.Message, "voice"),
            "视频" => (RowKind.Message, "video"),
            "动画表情" or "用户上传的GIF表情" => (RowKind.Message, "sticker"),
            "位置" or "位置共享" => (RowKind.Message, "location"),
            "文件" => (RowKind.Message, "file"),
            "推荐公众号" => (RowKind.Message, "contact"),
            "语音通话" => (RowKind.Message, "call"),
            "合并转发的聊天记录" => (RowKind.Message, "forward"),
            "转账" or "赠送红包封面" => (RowKind.Message, "transfer"),
            "卡片式链接" or "小程序" or "音乐" or "视频号视频" or "群公告" or "接龙" or "粘贴的文本" => (RowKind.Message, "link"),
            "系统通知" or "邀请加群" => (RowKind.Notice, null),
            _ when name.StartsWith("消息撤回", StringComparison.Ordinal) => (RowKind.Ignored, null),
            "拍一拍" or "添加好友" => (RowKind.Ignored, null),
            _ => (RowKind.Message, "other"),
        };
    }
}
