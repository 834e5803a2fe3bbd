using System.Text;
using CommunityOps.Inspection.Findings;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Reviews;

/// <summary>One exported file: a category's reviewed messages as <c>text==label</c> lines.</summary>
public sealed record TrainingSampleFile(string Category, string Path, int Positives, int Negatives);

/// <summary>
/// Feeds review decisions back as training data. Each category's reviewed messages become
/// <c>{category}.txt</c> in the <c>text==label</c> format of ads-qqgroup (label 1 = a confirmed finding,
/// 0 = dismissed; a message confirmed by any rule of the category is 1), one message per line with
/// line breaks folded to spaces. `inspect train --samples DIR` adds ads.txt, spam.txt and abuse.txt to
/// the training part of the matching default model; `inspect evaluate --file` reads any of them.
/// </summary>
public static class TrainingSamples
{
    public static async Task<IReadOnlyList<TrainingSampleFile>> ExportAsync(Store store, string workspace, string directory, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        if (!await db.Workspaces.AnyAsync(w => w.Name == workspace, ct))
        {
            throw new CommunityOpsException(Errors.NoWorkspaceNamed(workspace));
        }
        var reviewed = await (
            from f in db.Findings.Matching(db, new FindingFilter { Workspace = workspace })
            where f.Status != FindingStatus.Open
            join a in db.Activities on f.ActivityId equals a.Id
            where a.Text != null && a.Text != ""
            orderby f.ActivityId
            select new { f.Category, f.ActivityId, f.Status, a.Text })
            .ToListAsync(ct);
        Directory.CreateDirectory(directory);
        var files = new List<TrainingSampleFile>();
        foreach (var category in reviewed.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, category.Key + ".txt");
            int positives = 0, negatives = 0;
            await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                foreach (var message in category.GroupBy(r => r.ActivityId))
                {
                    var text = Line(message.First().Text!);
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    var positive = message.Any(r => r.Status == FindingStatus.Confirmed);
                    _ = positive ? positives++ : negatives++;
                    await writer.WriteAsync($"{text}=={(positive ? 1 : 0)}\n");
                }
            }
            files.Add(new TrainingSampleFile(category.Key, path, positives, negatives));
        }
        return files;
    }

    private static string Line(string text) => string.Join(' ', text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
