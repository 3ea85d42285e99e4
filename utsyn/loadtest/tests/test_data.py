import json

from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope

from utsyn.followup.models import ItemUpdate, TaskState
from utsyn.loadtest.data import LOAD_PASSWORD, prepare


def test_each_load_editor_owes_tasks_of_his_own_in_one_open_round(municipality, client):
    setup = prepare(municipality.slug, editors=2, readers=3, tasks_per_editor=4)
    assert setup["editors"] == ["load-editor-01", "load-editor-02"]
    assert len(setup["readers"]) == 3 and setup["password"] == LOAD_PASSWORD
    with scope(organisation=municipality.organisation):
        tasks = ItemUpdate.objects.filter(round_id=setup["round"])
        assert tasks.count() == 8 and {task.state for task in tasks} == {TaskState.TO_DO}
        assert tasks.get(item__identifier="L02-04").round.is_open
    todo = reverse(
        "followup:todo", kwargs={"organisation": municipality.slug, "pk": setup["round"]}
    )
    seen = []
    for username in setup["editors"]:
        assert client.login(username=username, password=LOAD_PASSWORD)
        seen.append({task.item.identifier for task in client.get(todo).context["updates"]})
    assert seen == [{f"L01-0{n}" for n in range(1, 5)}, {f"L02-0{n}" for n in range(1, 5)}]
    assert client.login(username=setup["readers"][0], password=LOAD_PASSWORD)
    assert client.get(reverse("overview:dashboard", args=[municipality.slug])).status_code == 200


def test_preparing_again_changes_nothing(municipality, capsys):
    call_command("prepare_load", "--organisation", municipality.slug, "--editors", "2", "--json")
    first = json.loads(capsys.readouterr().out)
    call_command("prepare_load", "--organisation", municipality.slug, "--editors", "2", "--json")
    assert json.loads(capsys.readouterr().out) == first
    with scope(organisation=municipality.organisation):
        assert ItemUpdate.objects.filter(round_id=first["round"]).count() == 2 * 30
