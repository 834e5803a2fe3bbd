using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

public sealed class ImportsApiSpecs
{
    private static readonly string History = string.Join('\n',
        WebData.Join("c9", "Upload Club", "u1", "Ann", "2026-03-01T09:00:00+08:00", staff: true),
        WebData.Join("c9", "Upload Club", "u2", "Bo", "2026-03-01T10:00:00+08:00"),
        WebData.Message("c9", "m1", "u2", "2026-03-01T11:00:00+08:00", "hi")) + "\n";

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_uploaded_export_is_imported_in_the_background_and_its_summary_polled(string provider)
    {
        await using var host = await TestWebHost.StartAsync(provider);
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));

        var response = await client.PostAsync("/api/imports", Files(("feed.jsonl", History)));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.Headers.Location!.ToString().ShouldBe($"/api/imports/{accepted.GetProperty("id").GetInt64()}");
        accepted.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ShouldBe(["feed.jsonl"]);
        var done = await PollAsync(client, response.Headers.Location.ToString());
        done.GetProperty("status").GetString().ShouldBe("succeeded");
        done.GetProperty("percent").GetInt32().ShouldBe(100);
        var summary = done.GetProperty("summary");
        (summary.GetProperty("format").GetString(), summary.GetProperty("members").GetInt32(), summary.GetProperty("messages").GetInt64(), summary.GetProperty("joins").GetInt64())
            .ShouldBe(("jsonl", 2, 1L, 2L));
        var communities = await client.GetFromJsonAsync<JsonElement>("/api/communities");
        communities.GetProperty("communities").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Upload Club");
        (await client.GetFromJsonAsync<JsonElement>("/api/imports")).EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task Progress_and_the_final_summary_arrive_as_server_sent_events()
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));
        var accepted = await (await client.PostAsync("/api/imports", Files(("a.jsonl", History)))).Content.ReadFromJsonAsync<JsonElement>();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/imports/{accepted.GetProperty("id").GetInt64()}/events");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var done = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Last();
        done.ShouldStartWith("event: done\ndata: ");
        var job = JsonDocument.Parse(done.Split("data: ", 2)[1]).RootElement;
        (job.GetProperty("status").GetString(), job.GetProperty("summary").GetProperty("messages").GetInt64()).ShouldBe(("succeeded", 1L));
    }

    [Fact]
    public async Task A_bad_file_fails_the_whole_import_with_the_file_and_line_and_no_server_path()
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));
        var bad = History.Replace("2026-03-01T11:00:00+08:00", "noon", StringComparison.Ordinal);

        var response = await client.PostAsync("/api/imports", Files(("good.jsonl", History), ("bad.jsonl", bad)));
        var done = await PollAsync(client, response.Headers.Location!.ToString());

        done.GetProperty("status").GetString().ShouldBe("failed");
        done.GetProperty("error").GetString().ShouldBe("bad.jsonl:3: field 'time': 'noon' is not an RFC 3339 time with an offset (2026-01-05T20:31:00+08:00)");
        done.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Null);
        (await client.GetFromJsonAsync<JsonElement>("/api/communities")).GetProperty("communities").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_over_the_limit_gets_413_whether_or_not_it_announces_its_length()
    {
        using var uploads = new TempFiles();
        await using var host = await TestWebHost.StartAsync(settings: new Dictionary<string, string?> { ["Web:MaxUploadBytes"] = "4096", ["Web:UploadFolder"] = uploads.Root });
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));
        var big = new string('x', 10_000);

        var announced = await client.PostAsync("/api/imports", Files(("big.jsonl", big)));
        var chunked = Files(("big.jsonl", big));
        var streamed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = new ChunkedContent(chunked) });

        announced.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await announced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("the upload is larger than the limit of 4,096 bytes");
        streamed.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Directory.EnumerateFileSystemEntries(uploads.Root).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("files", "format", "telegram-xml", "unknown format 'telegram-xml'")]
    [InlineData("files", "time_zone", "Mars/Olympus", "'Mars/Olympus' is not a known IANA time zone")]
    [InlineData("none", "files", "", "upload one or more export files")]
    public async Task Bad_upload_fields_get_400_naming_the_field(string fileField, string field, string value, string problem)
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));
        var content = new MultipartFormDataContent();
        if (fileField == "files")
        {
            content.Add(new StringContent(History), "files", "feed.jsonl");
            content.Add(new StringContent(value), field);
        }
        else
        {
            content.Add(new StringContent("x"), "note");
        }

        var response = await client.PostAsync("/api/imports", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldStartWith(problem);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_gets_400_naming_files()
    {
        await using var host = await TestWebHost.StartAsync();
        var client = host.Client(await host.KeyAsync("acme", Role.Operator));

        var response = await client.PostAsync("/api/imports", new StringContent(History, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("files")[0].GetString().ShouldBe("send the export files as multipart/form-data");
    }

    internal static MultipartFormDataContent Files(params (string Name, string Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "files", name);
        }
        return content;
    }

    internal static async Task<JsonElement> PollAsync(HttpClient client, string url)
    {
        // Bounded by a count, not by time: the test asserts what happened, not how fast.
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(url);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return job;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not finish");
    }

    /// <summary>Sends its content without a Content-Length, as a streaming client does.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent _inner;

        public ChunkedContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => await _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
