namespace CommunityOps.Tests.Ingestion;

/// <summary>
/// WeChat CSV written as docs/formats.md section 5 says the tools write it: MemoTrace with a BOM and
/// CRLF (Python csv defaults), PyWxDump without BOM; quoting only where needed. Notices follow 5.3.
/// CreateTime 1767574800 = 2026-01-05 01:00 UTC = 09:00 in Shanghai (the StrTime column).
/// </summary>
internal static class WeChatFixtures
{
    public static string MemoTrace { get; } = "\uFEFF" + string.Join("\r\n",
        "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender",
        "1,7,10000,0,0,1767574800,2,\"\"\"阿安\"\"邀请\"\"小红、Bo\"\"加入了群聊\",2026-01-05 09:00:00,,,",
        "2,7,1,0,0,1767575000,2,\"大家好,我是阿安\",2026-01-05 09:03:20,阿安,Ann,wxid_an",
        "3,7,1,0,1,1767575060,2,\"第一行 \"\"引号\"\"\r\n第二行\",2026-01-05 09:04:20,我,Me,wxid_me",
        "4,7,3,0,0,1767575120,2,\"<?xml version=\"\"1.0\"\"?><msg><img length=\"\"1024\"\" /></msg>\",2026-01-05 09:05:20,,Bo,wxid_bo",
        "5,7,34,0,0,1767575180,2,\"<msg><voicemsg voicelength=\"\"3000\"\" /></msg>\",2026-01-05 09:06:20,,Bo,wxid_bo",
        "6,7,49,5,0,1767575240,2,\"<?xml version=\"\"1.0\"\"?><msg><appmsg><title>Beans</title></appmsg></msg>\",2026-01-05 09:07:20,阿安,Ann,wxid_an",
        "7,7,10000,0,0,1767575300,2,\"\"\"Carl\"\"通过扫描\"\"阿安\"\"分享的二维码加入群聊\",2026-01-05 09:08:20,,,",
        "8,7,10000,0,1,1767575360,2,\"你将\"\"小红\"\"移出了群聊\",2026-01-05 09:09:20,,,",
        "9,7,10000,0,0,1767575420,2,\"\"\"阿安\"\" 撤回了一条消息\",2026-01-05 09:10:20,,,",
        "10,7,10002,0,0,1767575480,2,\"<sysmsg type=\"\"revokemsg\"\"><revokemsg><![CDATA[\"\"阿安\"\" 撤回了一条消息]]></revokemsg></sysmsg>\",2026-01-05 09:11:20,,,",
        "11,7,1,0,0,1767575540,2,hi all,2026-01-05 09:12:20,,Carl,wxid_carl",
        "12,7,10000,4,0,1767575600,2,\"\"\"Bo\"\" 拍了拍 \"\"阿安\"\"\",2026-01-05 09:13:20,,,",
        "13,7,10000,0,0,1767575660,2,\"\"\"阿安\"\"修改群名为“咖啡”\",2026-01-05 09:14:20,,,",
        "14,7,10000,0,0,1767575720,2,阿安将Carl移出了群聊,2026-01-05 09:15:20,,,",
        "15,7,37,0,0,1767575780,2,\"<msg fromusername=\"\"wxid_zed\"\" />\",2026-01-05 09:16:20,,,",
        "");

    public const string MemoTraceNineColumns = """
        localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime
        1,9,1,0,0,1767575000,2,hello,2026-01-05 09:03:20
        2,9,1,0,1,1767575060,2,hi back,2026-01-05 09:04:20

        """;

    public const string PyWxDump = """""
        id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime
        1,1001,系统通知,0,未知,12345@chatroom,Ann invited Dan、Eve to the group chat,,2026-01-05 09:00:00
        2,1002,文本,0,wxid_ann,12345@chatroom,"Hello, world",,2026-01-05 09:01:00
        3,1003,图片,1,wxid_me,12345@chatroom,图片,FileStorage\Image\2026-01\x.dat,2026-01-05 09:02:00
        4,1004,系统通知,0,未知,12345@chatroom,"""Fay"" joined the group chat via the QR Code shared by ""Ann"".",,2026-01-05 09:03:00
        5,1005,系统通知,0,未知,12345@chatroom,"You removed ""Dan"" from the group chat",,2026-01-05 09:04:00
        6,1006,消息撤回,0,未知,12345@chatroom,Ann recalled a message,,2026-01-05 09:05:00
        7,1007,拍一拍,0,未知,12345@chatroom,"""Ann"" 拍了拍我",,2026-01-05 09:06:00
        8,1008,引用回复,0,wxid_ann,12345@chatroom,"sure

        [引用](2026-01-05 09:01:00)Ann:Hello, world",,2026-01-05 09:07:00
        9,1009,邀请加群,0,未知,12345@chatroom,"""Ann""邀请""Gus""加入了群聊",,2026-01-05 09:08:00
        10,0,系统通知,0,未知,12345@chatroom,"你邀请""Hal""加入了群聊",,2026-01-05 09:09:00

        """"";

    public const string PyWxDumpContent = """""
        id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime
        1,2001,文本,0,wxid_bo,wxid_bo,"{""src"": """", ""msg"": ""早上好""}",2026-01-06 08:00:00
        2,2002,文本,1,我,wxid_bo,"{""src"": """", ""msg"": ""早""}",2026-01-06 08:01:00

        """"";

    public const string PyWxDumpNoRoom = """""
        id,MsgSvrID,type_name,is_sender,talker,msg,src,CreateTime
        1,3001,文本,0,wxid_bo,晚安,,2026-01-06 22:00:00

        """"";

    /// <summary>
    /// PyWxDump's users.json for <see cref="PyWxDump"/>: json.dump(indent=4, ensure_ascii=False) of
    /// get_user_list's {wxid: {wxid, nickname, remark, account, describe, headImgUrl, ExtraBuf, LabelIDList}}.
    /// </summary>
    public const string PyWxDumpUsers = """
        {
            "wxid_ann": {
                "wxid": "wxid_ann",
                "nickname": "Ann Lee",
                "remark": "Ann",
                "account": "annlee",
                "describe": "",
                "headImgUrl": "https://wx.qlogo.cn/mmhead/ver_1/x/0",
                "ExtraBuf": {
                    "性别[1男2女]": 2,
                    "个性签名": "coffee",
                    "手机号": ""
                },
                "LabelIDList": [
                    "咖啡"
                ]
            },
            "wxid_dan": {
                "wxid": "wxid_dan",
                "nickname": "Dan",
                "remark": "",
                "account": "",
                "describe": "",
                "headImgUrl": "",
                "ExtraBuf": null,
                "LabelIDList": []
            },
            "wxid_me": {
                "wxid": "wxid_me",
                "nickname": "我自己",
                "remark": "",
                "account": "",
                "describe": "",
                "headImgUrl": "",
                "ExtraBuf": null,
                "LabelIDList": []
            }
        }
        """;
}
