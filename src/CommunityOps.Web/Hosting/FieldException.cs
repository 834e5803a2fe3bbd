using CommunityOps.Web.Resources;

namespace CommunityOps.Web.Hosting;

/// <summary>A bad request value: answered as 400 ValidationProblem naming <see cref="Field"/> in <c>errors</c>.</summary>
public sealed class FieldException(string field, ErrorText problem) : CommunityOpsException(Strings.Problem("Field", field, problem))
{
    public string Field { get; } = field;

    /// <summary>What is wrong with the value, without the field's name.</summary>
    public ErrorText Problem { get; } = problem;
}
