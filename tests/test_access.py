"""Who may train: everyone locally; on a Space only the allowed signed-in users (default: the owner), everyone
else read-only with a way to get their own copy; a user sees only their own jobs unless they own the Space."""

from __future__ import annotations

from types import SimpleNamespace

from autotrain_ui import access

LOCAL: dict = {}
SPACE = {"SPACE_ID": "alice/autotrain-ui", "SPACE_AUTHOR_NAME": "alice"}


def test_outside_a_space_everyone_local_may_train_and_sees_everything():
    assert access.can_train(None, LOCAL) and access.can_train("anyone", LOCAL)
    assert access.can_see_job(None, "someone-else", LOCAL)
    assert access.read_only_message(None, LOCAL) == ""
    assert access.server_name(LOCAL) == "127.0.0.1"
    assert access.server_name({"GRADIO_SERVER_NAME": "0.0.0.0"}) == "0.0.0.0"
    assert access.job_owner_name(None, LOCAL) == access.LOCAL_USER


def test_on_a_space_only_the_owner_trains_by_default():
    assert access.on_space(SPACE) and access.server_name(SPACE) == "0.0.0.0"
    assert access.can_train("alice", SPACE) and access.can_train("Alice", SPACE)
    assert not access.can_train("bob", SPACE)
    assert not access.can_train(None, SPACE), "anonymous visitors never train on a Space"


def test_owner_comes_from_space_id_when_author_is_not_set():
    env = {"SPACE_ID": "carol/my-trainer"}
    assert access.space_owner(env) == "carol" and access.can_train("carol", env) and not access.can_train("alice", env)


def test_allowed_users_list_replaces_the_default():
    env = {**SPACE, "AUTOTRAIN_ALLOWED_USERS": " bob, @Dana ,"}
    assert access.can_train("bob", env) and access.can_train("dana", env)
    assert not access.can_train("alice", env), "the list is exactly who may train"
    assert access.is_owner("alice", env), "the owner still sees every job"
    assert access.can_train("zed", {**SPACE, "AUTOTRAIN_ALLOWED_USERS": "*"})
    assert not access.can_train(None, {**SPACE, "AUTOTRAIN_ALLOWED_USERS": "*"})


def test_read_only_visitors_are_told_how_to_get_their_own_copy():
    message = access.read_only_message("bob", SPACE)
    assert "bob" in message and "Duplicate this Space" in message
    assert "https://huggingface.co/spaces/alice/autotrain-ui?duplicate=true" in message
    anonymous = access.read_only_message(None, SPACE)
    assert "sign in" in anonymous.lower() and "Duplicate this Space" in anonymous
    assert access.read_only_message("alice", SPACE) == ""


def test_users_see_only_their_own_jobs_unless_they_own_the_space():
    jobs = [{"id": 1, "owner": "alice"}, {"id": 2, "owner": "bob"}, SimpleNamespace(id=3, owner="Bob")]
    env = {**SPACE, "AUTOTRAIN_ALLOWED_USERS": "alice,bob"}
    assert [getattr(j, "id", None) or j["id"] for j in access.visible_jobs(jobs, "bob", env)] == [2, 3]
    assert len(access.visible_jobs(jobs, "alice", env)) == 3
    assert access.visible_jobs(jobs, None, env) == []
    assert access.can_manage_job("bob", "bob", env) and not access.can_manage_job("bob", "alice", env)
    assert access.can_manage_job("alice", "bob", env), "the owner may cancel anyone's job"
    assert not access.can_manage_job("eve", "eve", env), "not allowed to train: not allowed to cancel or push"


def test_user_name_from_what_gradio_hands_over():
    assert access.username_of(None) is None
    assert access.username_of(SimpleNamespace(username="alice", name="Alice A.")) == "alice"
    assert access.username_of({"preferred_username": "bob"}) == "bob"
    assert access.username_of("carol") == "carol"
    a = access.access_for(SimpleNamespace(username="bob"), SPACE)
    assert a.user == "bob" and a.on_space and not a.can_train and not a.is_owner and "Duplicate" in a.message
    assert access.access_for(None, LOCAL).can_train
    assert access.job_owner_name("bob", SPACE) == "bob"


def test_the_port_follows_gradio_then_the_platform_then_7860():
    assert access.server_port({}) == 7860
    assert access.server_port({"PORT": "8080"}) == 8080, "a container platform's PORT still works"
    assert access.server_port({"GRADIO_SERVER_PORT": "7870"}) == 7870
    assert access.server_port({"GRADIO_SERVER_PORT": "7870", "PORT": "8080"}) == 7870, "Gradio's own variable wins"
    assert access.server_port({"GRADIO_SERVER_PORT": " ", "PORT": "8080"}) == 8080, "an empty value is unset"


def test_a_port_variable_that_is_no_port_says_which_and_what_to_do():
    import pytest

    for env, name in (({"GRADIO_SERVER_PORT": "abc"}, "GRADIO_SERVER_PORT"), ({"PORT": "70000"}, "PORT"),
                      ({"PORT": "-1"}, "PORT")):
        with pytest.raises(ValueError) as err:
            access.server_port(env)
        assert name in str(err.value) and "1 to 65535" in str(err.value)
