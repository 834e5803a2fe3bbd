namespace CommunityOps.Web.Hosting;

/// <summary>A bad request value: answered as 400 ValidationProblem naming <see cref="Field"/> in <c>errors</c>.</summary>
public sealed class FieldException(string field, string problem) : CommunityOpsException($"{field}: {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
