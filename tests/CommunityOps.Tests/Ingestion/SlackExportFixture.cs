using System.IO.Compression;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Ingestion;

/// <summary>
/// A small Slack workspace export written the way docs/formats.md section 3 describes real ones: a 2016
/// channel (string "created", the old subtypes census, file_comment without user, a bot) and a 2025
/// channel (int "created", client_msg_id, files[], tombstone). The exporter sat at UTC-7, so the
/// 2016-06-01 day file holds messages of 2016-06-02 UTC.
/// </summary>
internal static class SlackExportFixture
{
    public const string Users = """
        [
          {"id":"U1","team_id":"T123","name":"ann","deleted":false,"real_name":"Ann Smith","tz":"America/Los_Angeles","tz_offset":-25200,
           "profile":{"real_name":"Ann Smith","display_name":"ann","email":"ann@example.com","image_72":"https://x/a.png"},"is_admin":true,"is_owner":true,"is_bot":false},
          {"id":"U2","team_id":"T123","name":"bo","deleted":true,"real_name":"Bo Li","profile":{"real_name":"Bo Li","display_name":""},"is_bot":false},
          {"id":"U3","team_id":"T123","name":"robo","profile":{"real_name":"","display_name":""},"is_bot":true,"is_app_user":false,"updated":1735725000}
        ]
        """;

    public const string Channels = """
        [
          {"id":"C1","name":"general","created":"1433558319","creator":"U1","is_archived":false,"is_general":true,"members":["U1","U2"],"pins":[],
           "topic":{"value":"","creator":"","last_set":"0"},"purpose":{"value":"coffee","creator":"U1","last_set":"1433558320"}},
          {"id":"C2","name":"random","created":1735725000,"creator":"U1","is_archived":true,"is_general":false,"is_channel":true,"is_private":false,
           "is_mpim":false,"name_normalized":"random","num_members":2,"members":["U1","U3"],"topic":{"value":"","creator":"","last_set":0},
           "purpose":{"value":"","creator":"","last_set":0},"properties":{},"shared_team_ids":["T123"]}
        ]
        """;

    public const string General20160601 = """
        [
          {"type":"message","subtype":"channel_join","user":"U2","text":"<@U2|bo> has joined the channel","ts":"1464832800.000002","inviter":"U1"},
          {"type":"message","user":"U1","text":"Welcome <@U2> &amp; <@U2|bo> &lt;3 see <#C2|random>","ts":"1464832860.000003",
           "edited":{"user":"U1","ts":"1464832870.000000"},"thread_ts":"1464832860.000003","reply_count":1,"replies":[{"user":"U2","ts":"1464832920.000004"}],
           "reactions":[{"name":"+1","users":["U2","U3"],"count":2},{"name":"tada","users":["U2"],"count":1}]},
          {"type":"message","user":"U2","text":"thanks!","ts":"1464832920.000004","thread_ts":"1464832860.000003","parent_user_id":"U1"},
          {"type":"message","subtype":"thread_broadcast","user":"U2","text":"also posting here","ts":"1464832980.000005","thread_ts":"1464832860.000003"},
          {"type":"message","subtype":"me_message","user":"U1","text":"waves","ts":"1464833040.000006"},
          {"type":"message","subtype":"file_share","user":"U2","text":"<@U2|bo> uploaded a file: <https://x|cat.png>","ts":"1464833100.000007","upload":true,
           "file":{"id":"F1","name":"cat.png","mimetype":"image/png","filetype":"png"}},
          {"type":"message","subtype":"file_comment","text":"<@U1|ann> commented on <@U2|bo>’s file <https://x|cat.png>: so cute","ts":"1464833160.000008",
           "file":{"id":"F1","mimetype":"image/png"},"comment":{"id":"Fc1","created":1464833160,"timestamp":1464833160,"user":"U1","is_intro":false,"comment":"so cute"}},
          {"type":"message","subtype":"bot_message","bot_id":"B1","username":"deploybot","text":"Deployed v1.2","ts":"1464833220.000009","icons":{}},
          {"type":"message","subtype":"channel_purpose","user":"U1","text":"<@U1|ann> set the channel purpose: coffee","purpose":"coffee","ts":"1464833280.000010"},
          {"type":"message","subtype":"channel_topic","user":"U1","text":"<@U1|ann> set the channel topic: beans","topic":"beans","ts":"1464833280.000011"},
          {"type":"message","subtype":"pinned_item","user":"U1","item_type":"C","text":"<@U1|ann> pinned a message","ts":"1464833280.000012"},
          {"type":"message","subtype":"bot_add","user":"U1","bot_id":"B1","text":"added an integration to this channel","ts":"1464833280.000013"},
          {"type":"message","subtype":"channel_name","user":"U1","old_name":"coffee","name":"general","text":"renamed the channel","ts":"1464833280.000014"},
          {"type":"message","subtype":"channel_leave","user":"U2","text":"<@U2|bo> has left the channel","ts":"1464836400.000015"}
        ]
        """;

    public const string Random20250101 = """
        [
          {"client_msg_id":"9f1c0d7e-1111-4a5b-9c9d-000000000001","type":"message","text":"hello from the new client","user":"U3","ts":"1735725600.123456",
           "blocks":null,"team":"T123","user_team":"T123","source_team":"T123","user_profile":{"display_name":"","real_name":"Robo"},
           "files":[{"id":"F2","name":"demo.mp4","mimetype":"video/mp4"}]},
          {"type":"message","subtype":"tombstone","text":"This message was deleted.","user":"USLACKBOT","hidden":true,"ts":"1735725601.000100"},
          {"type":"message","subtype":"message_changed","hidden":true,"message":{"type":"message","user":"U1","text":"edited"},"ts":"1735725602.000000"},
          {"type":"message","subtype":"channel_archive","user":"U1","text":"archived the channel","ts":"1735725603.000000"}
        ]
        """;

    /// <summary>Writes the export under <paramref name="folder"/> and returns its path.</summary>
    public static string WriteFolder(TempFiles files, string folder = "Acme Slack export", string users = Users)
    {
        files.Write($"{folder}/users.json", users);
        files.Write($"{folder}/channels.json", Channels);
        files.Write($"{folder}/integration_logs.json", """{"logs":[{"user_id":"U1","service_id":"1","date":"1433558400","change_type":"added"}]}""");
        files.Write($"{folder}/general/2016-06-01.json", General20160601);
        files.Write($"{folder}/random/2025-01-01.json", Random20250101);
        return files.Path(folder);
    }

    /// <summary>The export zipped as Slack does (files at the root), or inside one top folder as some users re-zip it.</summary>
    public static string WriteZip(TempFiles files, string name = "acme.zip", bool withTopFolder = false)
    {
        var folder = WriteFolder(files, "to-zip/acme");
        var zip = files.Path(name);
        ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: withTopFolder);
        return zip;
    }

    /// <summary>Adds one entry to a zip (for hostile entries that CreateFromDirectory cannot make).</summary>
    public static void AddEntry(string zip, string entry, string content)
    {
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        using var writer = new StreamWriter(archive.CreateEntry(entry, CompressionLevel.Optimal).Open());
        writer.Write(content);
    }
}
