using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>
/// Every endpoint of the app's own route table and every hub method, tried as anonymous and as each role. The
/// expected rule of each is written here: an endpoint or method added without a rule in this table fails the test.
/// </summary>
public partial class AccessMatrixTests
{
    private const string Public = "public";
    private const string Staff = "admin chair desk secretary";
    private const string Admin = "admin";
    private const string SecretaryOrAdmin = "admin secretary";
    private const string ChairOrAdmin = "admin chair";
    private const string SecretaryChairOrAdmin = "admin chair secretary";
    private const string ChairDeskOrAdmin = "admin chair desk";
    private const string SignedIn = "signed-in";
    private const string PetitionReaders = "admin chair desk secretary department";
    private const string Office = "admin desk secretary";

    private static readonly string[] Identities = ["anonymous", "admin", "chair", "desk", "secretary", "department"];

    /// <summary>"METHOD pattern" → who may call it.</summary>
    private static readonly Dictionary<string, string> Endpoints = new()
    {
        ["GET /api/auth/session"] = Public,
        ["POST /api/auth/login"] = Public,
        ["POST /api/auth/logout"] = Public,
        ["POST /api/auth/password"] = SignedIn,
        ["GET /api/users/"] = Admin,
        ["POST /api/users/"] = Admin,
        ["POST /api/users/{id:int}/reset-password"] = Admin,
        ["DELETE /api/users/{id:int}"] = Admin,
        ["GET /api/meetings/current"] = Public,
        ["GET /api/meetings/"] = Staff,
        ["GET /api/meetings/{id:int}"] = Admin,
        ["POST /api/meetings/"] = Admin,
        ["PUT /api/meetings/{id:int}"] = Admin,
        ["DELETE /api/meetings/{id:int}"] = Admin,
        ["POST /api/meetings/{id:int}/copy"] = Admin,
        ["POST /api/meetings/{id:int}/archive"] = Admin,
        ["POST /api/meetings/{id:int}/on-screen"] = ChairOrAdmin,
        ["GET /api/meetings/{id:int}/turns"] = Staff,
        ["GET /api/people/"] = Staff,
        ["POST /api/people/"] = Admin,
        ["PUT /api/people/{id:int}"] = Admin,
        ["DELETE /api/people/{id:int}"] = Admin,
        ["POST /api/meetings/{id:int}/ask"] = Public,
        ["GET /api/meetings/{id:int}/ask/state"] = Public,
        ["GET /api/meetings/{id:int}/requests/{requestId:int}/status"] = Public,
        ["POST /api/meetings/{id:int}/requests/{requestId:int}/withdraw"] = Public,
        ["GET /api/meetings/{id:int}/ask-link"] = Public,
        ["GET /api/meetings/{id:int}/qr.svg"] = Public,
        ["GET /api/speech/status"] = Staff,
        ["GET /api/speech/models"] = Admin,
        ["PUT /api/speech/active-model"] = Admin,
        ["PUT /api/speech/second-pass-model"] = Admin,
        ["POST /api/meetings/{meetingId:int}/recordings"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/recordings"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/transcript"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/transcript/{format}"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/view"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/glossary"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/find"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/replace"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/rename-speaker"] = SecretaryOrAdmin,
        ["PUT /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/text"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/split"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/merge-next"] = SecretaryOrAdmin,
        ["PUT /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/place"] = SecretaryOrAdmin,
        ["PUT /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/mark"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/second-pass"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/second-pass"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/restore"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/take-offer"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/history"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/passages/{passageId:long}/clip"] = SecretaryOrAdmin,
        ["GET /api/meetings/{meetingId:int}/editor/recordings/{recordingId:int}/offers"] = SecretaryOrAdmin,
        ["POST /api/meetings/{meetingId:int}/editor/recordings/{recordingId:int}/accept"] = SecretaryOrAdmin,
        ["GET /api/recordings/{id:int}/"] = SecretaryOrAdmin,
        ["POST /api/recordings/{id:int}/cancel"] = SecretaryOrAdmin,
        ["ANY /api/meetings/{id:int}/live/audio"] = SecretaryOrAdmin,
        ["GET /api/meetings/{id:int}/live/status"] = Staff,
        ["GET /api/meetings/{id:int}/live/segments"] = Staff,
        ["GET /api/meetings/{id:int}/live/recordings"] = Staff,
        ["GET /api/meetings/{id:int}/live/recordings/{file}"] = Staff,
        ["POST /api/meetings/{id:int}/live/capture/start"] = SecretaryOrAdmin,
        ["POST /api/meetings/{id:int}/live/capture/stop"] = SecretaryOrAdmin,
        ["GET /api/meetings/{id:int}/live/capture"] = Staff,
        ["GET /api/meetings/{id:int}/live/capture/devices"] = SecretaryOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/problems"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/docx"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/pdf"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/versions/{number:int}/docx"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/versions/{number:int}/pdf"] = SecretaryChairOrAdmin,
        ["GET /api/meetings/{id:int}/minutes/transcript/{format}"] = SecretaryChairOrAdmin,
        ["PUT /api/meetings/{id:int}/minutes/"] = SecretaryOrAdmin,
        ["PUT /api/meetings/{id:int}/minutes/turns/{turnId:int}"] = SecretaryOrAdmin,
        ["POST /api/meetings/{id:int}/minutes/approve"] = SecretaryOrAdmin,
        ["POST /api/meetings/{id:int}/minutes/amend"] = SecretaryOrAdmin,
        ["GET /api/petitions/"] = PetitionReaders,
        ["GET /api/petitions/{id:int}"] = PetitionReaders,
        ["POST /api/petitions/"] = Office,
        ["PUT /api/petitions/{id:int}"] = Office,
        ["POST /api/petitions/{id:int}/transition"] = PetitionReaders,
        ["POST /api/petitions/bulk-assign"] = Office,
        ["POST /api/petitions/{id:int}/extension"] = Office,
        ["GET /api/petitions/dashboard"] = PetitionReaders,
        ["GET /api/petitions/reminders"] = PetitionReaders,
        ["GET /api/petitions/templates"] = PetitionReaders,
        ["PUT /api/petitions/templates"] = Office,
        ["GET /api/petitions/departments"] = PetitionReaders,
        ["GET /api/petitions/department-accounts"] = Admin,
        ["PUT /api/petitions/department-accounts/{userId:int}"] = Admin,
        ["POST /api/public/opinions/"] = Public,
        ["GET /api/public/opinions/form"] = Public,
        ["GET /api/petitions/opinions/"] = Office,
        ["POST /api/petitions/opinions/{id:int}/approve"] = Office,
        ["POST /api/petitions/opinions/{id:int}/reject"] = Office,
        ["GET /api/calendar/{year:int}"] = PetitionReaders,
        ["GET /api/calendar/deadline"] = PetitionReaders,
        ["PUT /api/calendar/overrides/{date}"] = Admin,
        ["DELETE /api/calendar/overrides/{date}"] = Admin,
        ["GET /api/plans/"] = PetitionReaders,
        ["POST /api/plans/"] = SecretaryOrAdmin,
        ["PUT /api/plans/{id:int}"] = SecretaryOrAdmin,
        ["DELETE /api/plans/{id:int}"] = SecretaryOrAdmin,
        ["PUT /api/plans/{id:int}/meetings"] = SecretaryOrAdmin,
        ["GET /api/meetings/{id:int}/deadlines"] = PetitionReaders,
        ["GET /api/meetings/{id:int}/floor-petitions"] = ChairDeskOrAdmin,
        ["GET /api/meetings/{id:int}/turn-petitions"] = ChairOrAdmin,
        ["POST /api/meetings/{id:int}/turn-petitions/{turnId:int}/mark"] = ChairOrAdmin,
        ["POST /api/meetings/{id:int}/turn-petitions/{turnId:int}/record"] = ChairOrAdmin,
        ["POST /api/petitions/import/preview"] = SecretaryOrAdmin,
        ["POST /api/petitions/import/commit"] = SecretaryOrAdmin,
        ["GET /api/meetings/{id:int}/documents/"] = Staff,
        ["GET /api/meetings/{id:int}/documents/{kind}.docx"] = Staff,
        ["GET /api/meetings/{id:int}/documents/{kind}.pdf"] = Staff,
        ["GET /api/meetings/{id:int}/invitation/"] = Office,
        ["GET /api/plans/{id:int}/bao-cao-cap-tren.docx"] = Staff,
        ["GET /api/plans/{id:int}/bao-cao-cap-tren.pdf"] = Staff,
        ["GET /api/plans/years/{year:int}/bao-cao-cap-tren.docx"] = Staff,
        ["GET /api/plans/years/{year:int}/bao-cao-cap-tren.pdf"] = Staff,
        ["PUT /api/meetings/{id:int}/invitation/"] = Office,
        ["GET /api/petitions/{id:int}/reply.docx"] = PetitionReaders,
        ["GET /api/petitions/{id:int}/reply.pdf"] = PetitionReaders,
        ["GET /api/petitions/export.xlsx"] = PetitionReaders,
        ["GET /api/petitions/saved-filters"] = PetitionReaders,
        ["PUT /api/petitions/saved-filters"] = PetitionReaders,
        ["DELETE /api/petitions/saved-filters"] = PetitionReaders,
        // Pages and their files are public: each staff page sends a signed-out visitor to /login, and every
        // piece of data it shows comes from the API or the hub, which check the role themselves.
        ["GET /assets/{file}"] = Public,
        ["GET /petitions-import"] = Public,
        ["GET /petitions-reminders"] = Public,
        ["GET /plans"] = Public,
        ["ANY /hub/meeting/negotiate"] = Public,
        ["ANY /hub/meeting"] = Public,
    };

    /// <summary>Hub method → who may call it. Watching is public; commands need a role.</summary>
    private static readonly Dictionary<string, string> HubMethods = new()
    {
        ["Join"] = Public,
        ["Now"] = Public,
        ["JoinHall"] = Public,
        ["PutOnScreen"] = ChairOrAdmin,
        ["UndoOf"] = ChairOrAdmin,
        ["StartMeeting"] = ChairOrAdmin,
        ["EndMeeting"] = ChairOrAdmin,
        ["GiveFloor"] = ChairOrAdmin,
        ["GiveFollowUp"] = ChairOrAdmin,
        ["PauseTimer"] = ChairOrAdmin,
        ["ResumeTimer"] = ChairOrAdmin,
        ["ExtendTime"] = ChairOrAdmin,
        ["EndTurn"] = ChairOrAdmin,
        ["MoveRequest"] = ChairOrAdmin,
        ["SkipRequest"] = ChairOrAdmin,
        ["RequeueRequest"] = ChairDeskOrAdmin,
        ["WithdrawRequest"] = ChairDeskOrAdmin,
        ["CloseList"] = ChairOrAdmin,
        ["ReopenList"] = ChairOrAdmin,
        ["NextAgendaItem"] = ChairOrAdmin,
        ["Undo"] = ChairDeskOrAdmin,
        ["SetCaptions"] = ChairOrAdmin,
        ["RejectRequest"] = ChairDeskOrAdmin,
        ["ChairTakesFloor"] = ChairOrAdmin,
        ["CallResponder"] = ChairOrAdmin,
        ["Register"] = ChairDeskOrAdmin,
        ["ApproveRequest"] = ChairDeskOrAdmin,
    };

    private static bool Allowed(string rule, string identity) => rule switch
    {
        Public => true,
        SignedIn => identity != "anonymous",
        _ => rule.Split(' ').Contains(identity),
    };

    /// <summary>Route values that name nothing, so an allowed call is answered (404, 400) without changing anything.</summary>
    private static string Fill(string pattern) =>
        RouteParameter().Replace(pattern, m => m.Groups[1].Value.EndsWith(":int", StringComparison.Ordinal) || m.Groups[1].Value.EndsWith(":long", StringComparison.Ordinal) ? "987654" : "x");

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task EveryEndpoint_AnswersEachIdentity_AsItsRuleSays()
    {
        await using var host = MeetingHostFactory.Start();
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                var pattern = "/" + e.RoutePattern.RawText!.TrimStart('/');
                return methods is { Count: > 0 } ? methods.Select(m => $"{m} {pattern}") : [$"ANY {pattern}"];
            })
            .Distinct().ToList();

        // Page addresses are served one route each; all pages are public (see the table above).
        var pages = routes.Where(r => r.StartsWith("GET /", StringComparison.Ordinal) && !r.Contains("/api/") && !r.Contains("/assets/") && !r.Contains("/hub/")).ToList();
        var missing = routes.Except(Endpoints.Keys).Except(pages).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an access rule in this test:\n" + string.Join("\n", missing));
        var gone = Endpoints.Keys.Except(routes).ToList();
        Assert.True(gone.Count == 0, "Rules for endpoints that no longer exist:\n" + string.Join("\n", gone));

        var clients = new Dictionary<string, StaffClient>();
        foreach (var identity in Identities) clients[identity] = await host.ClientAsync(identity == "anonymous" ? null : identity);
        var failures = new List<string>();
        // Logging out ends the account's sessions everywhere, so it is tried last.
        foreach (var route in routes.OrderBy(r => r.EndsWith("/logout", StringComparison.Ordinal)))
        {
            var rule = Endpoints.GetValueOrDefault(route, Public);
            var method = route[..route.IndexOf(' ')];
            var path = Fill(route[(route.IndexOf(' ') + 1)..]);
            foreach (var identity in Identities)
            {
                using var request = new HttpRequestMessage(method == "ANY" ? HttpMethod.Get : new HttpMethod(method), path);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                var status = (await clients[identity].Http.SendAsync(request)).StatusCode;
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expected = Allowed(rule, identity);
                if (expected == refused)
                    failures.Add($"{route} as {identity}: {(int)status}, expected {(expected ? "allowed" : "refused")}");
                else if (!expected && identity == "anonymous" && status != HttpStatusCode.Unauthorized)
                    failures.Add($"{route} as anonymous: {(int)status}, expected 401");
                else if ((int)status >= 500)
                    failures.Add($"{route} as {identity}: {(int)status}");
            }
        }
        foreach (var client in clients.Values) await client.DisposeAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryHubMethod_AnswersEachIdentity_AsItsRuleSays()
    {
        var methods = typeof(MeetingHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).ToList();
        var missing = methods.Select(m => m.Name).Except(HubMethods.Keys).ToList();
        Assert.True(missing.Count == 0, "Hub methods without an access rule in this test:\n" + string.Join("\n", missing));
        Assert.Empty(HubMethods.Keys.Except(methods.Select(m => m.Name)));

        await using var host = MeetingHostFactory.Start();
        var failures = new List<string>();
        foreach (var identity in Identities)
        {
            await using var client = await host.ClientAsync(identity == "anonymous" ? null : identity);
            var connection = (await client.WatchAsync(1)).Connection;
            foreach (var method in methods)
            {
                // A meeting that does not exist, so an allowed command is refused for that reason and nothing changes.
                var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object?)987654
                    : p.ParameterType == typeof(bool) ? false : null).ToArray();
                string? error = null;
                try
                {
                    await connection.InvokeCoreAsync(method.Name, typeof(object), args);
                }
                catch (HubException ex)
                {
                    error = ex.Message;
                }
                var refused = error?.Contains("không có quyền", StringComparison.Ordinal) == true;
                var expected = Allowed(HubMethods[method.Name], identity);
                if (expected == refused) failures.Add($"{method.Name} as {identity}: {error ?? "done"}, expected {(expected ? "allowed" : "refused")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
