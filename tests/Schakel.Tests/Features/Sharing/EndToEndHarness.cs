using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Tests.Features.Web;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Sharing;

/// <summary>
/// The whole application in memory (one <see cref="SchakelFactory"/> on SQLite for all cases) for the end-to-end sharing
/// property. Each case deactivates every organisation that exists (the demo network and earlier cases), so that
/// <c>network</c>, sectors and constituencies resolve to the case's own organisations only, then stores its network with
/// unique keys, the people's roles, an API token per person and one password for the web sign-in. Cases run one at a time.
/// </summary>
public sealed class EndToEndHarness : IAsyncDisposable
{
    /// <summary>The password every generated person has (for the cookie sign-in of the web item page).</summary>
    public const string Password = WebSession.Password;

    private readonly SchakelFactory factory = new QuietFactory();
    private Dictionary<string, string> roleIds = [];
    private string passwordHash = "";
    private int caseCounter;

    public SchakelFactory Factory => factory;

    /// <summary>Starts the application and reads what every case needs: role ids and a password hash computed once.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        // Hashing costs tens of milliseconds; the same hash serves every person (the salt is inside it).
        passwordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<Person>>().HashPassword(null!, Password);
    }

    /// <summary>Stores a case's network (see the class summary) and returns the run with a token per person.</summary>
    public async Task<EndToEndRun> BuildAsync(NetworkSpec net, SharingModel model)
    {
        var run = new EndToEndRun(this, new CaseRun($"e{Interlocked.Increment(ref caseCounter)}-"), net, model);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        await db.Organisations.Where(o => o.IsActive).ExecuteUpdateAsync(s => s.SetProperty(o => o.IsActive, false));
        await run.Services.BuildNetworkAsync(db, net);
        var people = await db.Users.Where(u => run.Services.PersonIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);
        for (var p = 0; p < net.People.Length; p++)
        {
            var person = people[run.Services.PersonIds[p]];
            person.PasswordHash = passwordHash;
            foreach (var role in net.People[p].Roles) db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.Id, RoleId = roleIds[role] });
        }

        await db.SaveChangesAsync();
        var tokens = scope.ServiceProvider.GetRequiredService<PersonService>();
        for (var p = 0; p < net.People.Length; p++)
            run.Tokens.Add(await tokens.CreateTokenAsync(people[run.Services.PersonIds[p]], "property-e2e"));
        return run;
    }

    /// <summary>An API client sending the given token (none: anonymous); redirects are not followed.</summary>
    public HttpClient Client(string? token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A cookie session of the web UI, signed in through the sign-in form, or null when the form refused the sign-in.</summary>
    public async Task<WebSession?> SignInAsync(string email)
    {
        var session = WebSession.Anonymous(factory);
        using var response = await session.SignInAsync(email, Password);
        return response.StatusCode == System.Net.HttpStatusCode.Redirect ? session : null;
    }

    /// <summary>Time spent per phase over all cases (build, steps, compare, web), printed by the test.</summary>
    public Dictionary<string, TimeSpan> Timings { get; } = [];

    public void Time(string phase, TimeSpan t) => Timings[phase] = Timings.GetValueOrDefault(phase) + t;

    /// <summary>The application with warnings and errors logged only: thousands of requests would otherwise log at Information.</summary>
    private sealed class QuietFactory : SchakelFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Category rules, since configured "Default" levels win over a bare minimum level.
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Schakel", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning));
            // One sign-in per case: the production iteration count would cost a noticeable share of the run; hashing is not under test here.
            builder.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));
        }
    }

    public ValueTask DisposeAsync()
    {
        factory.Dispose();
        return ValueTask.CompletedTask;
    }
}
