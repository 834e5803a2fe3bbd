namespace CommunityOps.Tests;
