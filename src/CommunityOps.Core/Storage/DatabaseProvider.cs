namespace CommunityOps.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
