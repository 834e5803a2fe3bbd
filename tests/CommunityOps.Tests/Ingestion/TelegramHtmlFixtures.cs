namespace CommunityOps.Tests.Ingestion;

/// <summary>Pieces of Telegram Desktop's HTML export (export_output_html.cpp), as it writes them (formats.md 1.5).</summary>
internal static class TelegramHtmlFixtures
{
    public static string Page(string history, string title = "Night &amp; Day") => $$"""
        <!DOCTYPE html>
        <html>
         <head>
          <meta charset="utf-8"/>
          <title>Exported Data</title>
         </head>
         <body onload="CheckLocation();">
          <div class="page_wrap">
           <div class="page_header">
            <div class="content">
             <div class="text bold">
        {{title}}
             </div>
            </div>
           </div>
           <div class="page_body chat_page">
            <div class="history">
        {{history}}
            </div>
           </div>
          </div>
         </body>
        </html>
        """;

    public static string Service(long id, string text) => $"""
             <div class="message service" id="message{id}">
              <div class="body details">
        {text}
              </div>
             </div>
        """;

    public static string Default(long id, string time, string? from, string inner) => $"""
             <div class="message default clearfix{(from is null ? " joined" : "")}" id="message{id}">
              <div class="body">
               <div class="pull_right date details" title="{time}">
        00:00
               </div>
        {(from is null ? "" : $"       <div class=\"from_name\">\n{from} \n       </div>")}
        {inner}
              </div>
             </div>
        """;

    public static string Text(string html) => $"       <div class=\"text\">\n{html}\n       </div>";
}
