"""The coach's sentences (advice, verdicts, the before/after report), by key: English and Korean side by side.
Numbers come as values, formatted by the template, so a translation keeps them.

Long because it is data: one entry per sentence."""

CATALOG = {
    "coach.verdict_label_fell": ("loss fell", "손실 감소"),
    "coach.verdict_label_flat": ("loss flat", "손실 제자리"),
    "coach.verdict_label_rose": ("loss rose", "손실 증가"),
    "coach.verdict_label_too_few_steps": ("too few steps to tell", "판단하기엔 스텝이 너무 적음"),
    "coach.verdict_label_diverged": ("training broke down", "학습이 무너짐"),
    "coach.verdict_label_masked": ("nothing learned", "배운 것 없음"),
    "coach.verdict_label_overfitting": ("memorising", "외우는 중"),
    "coach.verdict_label_margin_flat": ("good answers not ahead", "좋은 답이 앞서지 못함"),
    "coach.verdict_label_preference_flat": ("chosen answers not ahead", "선택된 답이 앞서지 못함"),
    "coach.verdict_label_answers_worse": ("the answers got worse", "답이 나빠짐"),
    "coach.verdict_status": ("{status} - {label}", "{status} - {label}"),
    "coach.verdict_partial": ("Up to step {step}:", "스텝 {step}까지:"),
    "coach.verdict_fell": (
        "The loss fell from {start:.3g} to {end:.3g} ({percent:.0f}% lower over {steps} steps): the model learned "
        "from your data.",
        "손실이 {start:.3g}에서 {end:.3g}(으)로 줄었습니다 ({steps} 스텝 동안 {percent:.0f}% 감소): 모델이 데이터에서 배웠습니다."),
    "coach.verdict_rose": (
        "The loss rose from {start:.3g} to {end:.3g} ({percent:.0f}% higher over {steps} steps): the model did not "
        "learn from your data, it got worse at it.",
        "손실이 {start:.3g}에서 {end:.3g}(으)로 늘었습니다 ({steps} 스텝 동안 {percent:.0f}% 증가): 모델이 데이터에서 배우지 못하고 오히려 더 나빠졌습니다."),
    "coach.verdict_flat": (
        "The loss stayed flat ({start:.3g} at the start, {end:.3g} at the end, over {steps} steps): the model "
        "learned little or nothing.",
        "손실이 거의 그대로였습니다 (시작 {start:.3g}, 끝 {end:.3g}, {steps} 스텝): 모델이 거의 또는 전혀 배우지 못했습니다."),
    "coach.verdict_noisy": (
        "The loss went from {start:.3g} to {end:.3g} over {steps} steps, but it jumped up and down more than that "
        "from step to step: it did not clearly fall, and the model learned little or nothing that shows.",
        "손실이 {steps} 스텝 동안 {start:.3g}에서 {end:.3g}(으)로 바뀌었지만, 스텝마다 그보다 더 크게 오르내렸습니다: 뚜렷하게 줄지 않았고, 모델이 배운 것이 거의 드러나지 "
        "않습니다."),
    "coach.verdict_smoothed": (
        "(Start and end are each the average of {edge} steps, so one noisy step does not decide.)",
        "(시작과 끝은 각각 {edge} 스텝의 평균이라, 잡음이 낀 스텝 하나로 결정되지 않습니다.)"),
    "coach.verdict_too_few_steps": (
        "Too few steps to tell whether the model learned: the loss was logged {points} time(s) in {steps} step(s).",
        "모델이 배웠는지 판단하기엔 스텝이 너무 적습니다: {steps} 스텝 동안 손실이 {points}번 기록되었습니다."),
    "coach.verdict_too_early": (
        "Too early to tell whether the model is learning: the loss was logged {points} time(s) so far.",
        "모델이 배우고 있는지 판단하기엔 아직 이릅니다: 지금까지 손실이 {points}번 기록되었습니다."),
    "coach.verdict_diverged": (
        "Training broke down at step {step} (the loss became NaN or exploded): nothing usable was learned.",
        "스텝 {step}에서 학습이 무너졌습니다 (손실이 NaN이 되었거나 폭증했습니다): 쓸 만한 것을 배우지 못했습니다."),
    "coach.verdict_masked": (
        "Nothing was learned: the loss was 0 from the first step on, so no token of the answers counted.",
        "배운 것이 없습니다: 첫 스텝부터 손실이 0이었으므로 답의 어떤 토큰도 학습에 반영되지 않았습니다."),
    "coach.verdict_overfitting": (
        "The training loss fell from {start:.3g} to {end:.3g}, but the loss on the held-out rows rose from "
        "{held_start:.3g} to {held_end:.3g}: the model memorises its training rows instead of learning what carries "
        "over to new ones.",
        "학습 손실은 {start:.3g}에서 {end:.3g}(으)로 줄었지만, 따로 뗀 행의 손실은 {held_start:.3g}에서 {held_end:.3g}(으)로 늘었습니다: 모델이 새 행에도 "
        "통하는 것을 배우는 대신 학습 행을 외우고 있습니다."),
    "coach.verdict_best_kept": (
        "The checkpoint with the lowest held-out loss (step {step}) is the one kept.",
        "따로 뗀 행의 손실이 가장 낮은 체크포인트(스텝 {step})를 간직합니다."),
    "coach.verdict_held_out": (
        "On the held-out rows the loss went from {held_start:.3g} to {held_end:.3g}.",
        "따로 뗀 행에서 손실은 {held_start:.3g}에서 {held_end:.3g}(으)로 바뀌었습니다."),
    "coach.verdict_kto_loss_fell": (
        "The loss fell from {start:.3g} to {end:.3g} ({percent:.0f}% lower over {steps} steps).",
        "손실이 {start:.3g}에서 {end:.3g}(으)로 줄었습니다 ({steps} 스텝 동안 {percent:.0f}% 감소)."),
    "coach.verdict_margin_grew_seen": (
        "On the training rows (none were held out) the answers marked good gained on those marked bad (margin "
        "{before:+.2f} before, {after:+.2f} after): the model learned the difference from your rows. Hold out rows "
        "(--valid-percent) to see whether it carries over to new prompts.",
        "학습 행에서(따로 뗀 행 없음) 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서게 되었습니다 (차이: 전 {before:+.2f}, 후 {after:+.2f}): 모델이 이 행들에서 둘의 "
        "차이를 배웠습니다. 새 프롬프트에서도 통하는지 보려면 행을 따로 떼어 두세요 (--valid-percent)."),
    "coach.verdict_margin_flat_seen": (
        "Even on the rows it trained on, the answers marked good did not gain on those marked bad (margin "
        "{before:+.2f} before, {after:+.2f} after): the model did not learn the difference; the falling loss may "
        "only mean the bad answers got less likely. More epochs or more rows marked good and bad help most.",
        "학습한 행에서조차 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서지 못했습니다 (차이: 전 {before:+.2f}, 후 {after:+.2f}): 모델이 둘의 차이를 배우지 못했습니다. "
        "손실이 줄어든 것은 나쁜 답의 확률만 낮아졌다는 뜻일 수 있습니다. 에포크를 늘리거나 좋음과 나쁨으로 표시된 행을 더 모으는 것이 가장 도움이 됩니다."),
    "coach.verdict_preference_grew_seen": (
        "On {pairs} of the pairs it trained on (none were held out) the model puts the chosen answer first more often "
        "({before:.0%} before, {after:.0%} after): it learned the preference from your rows. Hold out rows "
        "(--valid-percent) to see whether it carries over to new prompts.",
        "학습한 쌍 {pairs}개에서(따로 뗀 행 없음) 모델이 선택된 답을 더 자주 앞세웁니다 (전 {before:.0%}, 후 {after:.0%}): "
        "이 행들에서 선호를 배웠습니다. 새 프롬프트에도 통하는지 보려면 행을 따로 떼어 두세요 (--valid-percent)."),
    "coach.verdict_preference_flat_seen": (
        "Even on {pairs} of the pairs it trained on, the model does not put the chosen answer first more often than "
        "before ({before:.0%} before, {after:.0%} after): it did not learn the preference; the falling loss only "
        "means the two answers moved apart. Check that chosen and rejected really differ; more pairs or epochs help "
        "most.",
        "학습한 쌍 {pairs}개에서조차 모델이 선택된 답을 전보다 더 자주 앞세우지 않습니다 (전 {before:.0%}, 후 {after:.0%}): "
        "선호를 배우지 못했습니다. 손실이 줄어든 것은 두 답이 서로 멀어졌다는 뜻일 뿐입니다. 선택된 답과 거절된 답이 정말 "
        "다른지 확인하세요. 쌍이나 에포크를 늘리는 것이 가장 도움이 됩니다."),
    "coach.verdict_preference_grew": (
        "On {pairs} held-out pairs the model puts the chosen answer first more often ({before:.0%} before, "
        "{after:.0%} after): it learned the preference.",
        "따로 뗀 쌍 {pairs}개에서 모델이 선택된 답을 더 자주 앞세웁니다 (전 {before:.0%}, 후 {after:.0%}): 선호를 배웠습니다."),
    "coach.verdict_preference_flat": (
        "On {pairs} held-out pairs the model does not put the chosen answer first more often than before "
        "({before:.0%} before, {after:.0%} after): the falling loss only means the two answers moved apart. More "
        "pairs help most.",
        "따로 뗀 쌍 {pairs}개에서 모델이 선택된 답을 전보다 더 자주 앞세우지 않습니다 (전 {before:.0%}, 후 {after:.0%}): "
        "손실이 줄어든 것은 두 답이 서로 멀어졌다는 뜻일 뿐입니다. 쌍을 늘리는 것이 가장 도움이 됩니다."),
    "coach.verdict_margin_grew": (
        "On the held-out rows the answers marked good gained on those marked bad (margin {before:+.2f} before, "
        "{after:+.2f} after): the model learned the difference.",
        "따로 뗀 행에서 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서게 되었습니다 (차이: 전 {before:+.2f}, 후 {after:+.2f}): 모델이 둘의 차이를 배웠습니다."),
    "coach.verdict_margin_flat": (
        "On the held-out rows the answers marked good did not gain on those marked bad (margin {before:+.2f} before, "
        "{after:+.2f} after): the falling loss may only mean the bad answers got less likely. More rows marked good "
        "and bad help most.",
        "따로 뗀 행에서 좋음으로 표시된 답이 나쁨으로 표시된 답보다 앞서지 못했습니다 (차이: 전 {before:+.2f}, 후 {after:+.2f}): 손실이 줄어든 것은 나쁜 답의 확률만 "
        "낮아졌다는 뜻일 수 있습니다. 좋음과 나쁨으로 표시된 행이 더 많을수록 가장 도움이 됩니다."),
    # what the model now answers (report.json's answer_check: coach/answers.py)
    "coach.verdict_loss_went": (
        "The loss went from {start:.3g} to {end:.3g} over {steps} steps.",
        "손실은 {steps} 스텝 동안 {start:.3g}에서 {end:.3g}(으)로 바뀌었습니다."),
    "coach.answers_on_held_out": (
        "Asked {prompts} held-out prompts, greedy, at most {cap} new tokens:",
        "따로 뗀 프롬프트 {prompts}개에 물었습니다 (그리디, 새 토큰 최대 {cap}개):"),
    "coach.answers_on_held_out.one": (
        "Asked {prompts} held-out prompt, greedy, at most {cap} new tokens:",
        "따로 뗀 프롬프트 {prompts}개에 물었습니다 (그리디, 새 토큰 최대 {cap}개):"),
    "coach.answers_on_training": (
        "Asked {prompts} training prompts (measured on training prompts: none were held out), greedy, at most "
        "{cap} new tokens:",
        "학습한 프롬프트 {prompts}개에 물었습니다 (따로 뗀 행이 없어 학습 프롬프트에서 잼; 그리디, 새 토큰 최대 {cap}개):"),
    "coach.answers_on_training.one": (
        "Asked {prompts} training prompt (measured on training prompts: none were held out), greedy, at most "
        "{cap} new tokens:",
        "학습한 프롬프트 {prompts}개에 물었습니다 (따로 뗀 행이 없어 학습 프롬프트에서 잼; 그리디, 새 토큰 최대 {cap}개):"),
    "coach.answers_pairs_on_held_out": ("On {prompts} held-out pairs:", "따로 뗀 쌍 {prompts}개에서:"),
    "coach.answers_pairs_on_held_out.one": ("On {prompts} held-out pair:", "따로 뗀 쌍 {prompts}개에서:"),
    "coach.answers_pairs_on_training": (
        "On {prompts} training pairs (measured on training pairs: none were held out):",
        "학습한 쌍 {prompts}개에서 (따로 뗀 행이 없어 학습 쌍에서 잼):"),
    "coach.answers_pairs_on_training.one": (
        "On {prompts} training pair (measured on training pairs: none were held out):",
        "학습한 쌍 {prompts}개에서 (따로 뗀 행이 없어 학습 쌍에서 잼):"),
    "coach.answers_broke": (
        "the tuned model's answers broke down: {broken} of them repeat the same words over and over or are empty "
        "({at_cap} ran to the token cap; the base model's: {broken_base}). Asked \"{prompt}\", it answers "
        "\"{answer}\". The run broke the model instead of teaching it your answers.",
        "미세조정한 모델의 답이 망가졌습니다: {broken}개가 같은 말을 되풀이하거나 비어 있습니다 ({at_cap}개는 토큰 한도까지 이어졌습니다; 기본 모델은 {broken_base}개). "
        "\"{prompt}\"에 \"{answer}\"(이)라고 답합니다. 학습이 데이터의 답을 가르치는 대신 모델을 망가뜨렸습니다."),
    "coach.answers_likeness_better": (
        "the answers got closer to the rows' answers (likeness {base:.2f} for the base model, {tuned:.2f} tuned).",
        "답이 데이터의 답에 더 가까워졌습니다 (유사도: 기본 모델 {base:.2f}, 미세조정 {tuned:.2f})."),
    "coach.answers_likeness_same": (
        "the answers are about as like the rows' answers as the base model's (likeness {base:.2f} base, {tuned:.2f} "
        "tuned).",
        "답이 데이터의 답에 기본 모델만큼 가깝습니다 (유사도: 기본 {base:.2f}, 미세조정 {tuned:.2f})."),
    "coach.answers_likeness_worse": (
        "the answers got worse: less like the rows' answers than the base model's (likeness {base:.2f} base, "
        "{tuned:.2f} tuned).",
        "답이 나빠졌습니다: 기본 모델보다 데이터의 답과 덜 닮았습니다 (유사도: 기본 {base:.2f}, 미세조정 {tuned:.2f})."),
    "coach.answers_preference_better": (
        "the answers moved towards the chosen answers and away from the rejected ones (closer to chosen than to "
        "rejected for {prefers} of {prompts}; score {base:+.2f} for the base model, {tuned:+.2f} tuned).",
        "답이 선택된 답 쪽으로 움직이고 거절된 답에서 멀어졌습니다 ({prompts}개 중 {prefers}개가 거절된 답보다 선택된 답에 더 가까움; 점수: 기본 모델 {base:+.2f}, "
        "미세조정 {tuned:+.2f})."),
    "coach.answers_preference_same": (
        "the answers are about where the base model's were between the chosen and the rejected answers (closer to "
        "chosen for {prefers} of {prompts}; score {base:+.2f} base, {tuned:+.2f} tuned).",
        "답이 선택된 답과 거절된 답 사이에서 기본 모델과 거의 같은 자리에 있습니다 ({prompts}개 중 {prefers}개가 선택된 답에 더 가까움; 점수: 기본 {base:+.2f}, 미세조정 "
        "{tuned:+.2f})."),
    "coach.answers_preference_worse": (
        "the answers got worse: further from the chosen answers, or nearer the rejected ones, than the base model's "
        "(score {base:+.2f} base, {tuned:+.2f} tuned).",
        "답이 나빠졌습니다: 기본 모델보다 선택된 답에서 멀어졌거나 거절된 답에 가까워졌습니다 (점수: 기본 {base:+.2f}, 미세조정 {tuned:+.2f})."),
    "coach.answers_pairs_better": (
        "the chosen text is scored above the rejected one for {tuned:.0%} of the pairs (the base model: {base:.0%}).",
        "쌍의 {tuned:.0%}에서 선택된 글이 거절된 글보다 높은 점수를 받습니다 (기본 모델: {base:.0%})."),
    "coach.answers_pairs_same": (
        "the chosen text is scored above the rejected one for {tuned:.0%} of the pairs, about as often as before "
        "training ({base:.0%}).",
        "쌍의 {tuned:.0%}에서 선택된 글이 거절된 글보다 높은 점수를 받습니다. 학습 전({base:.0%})과 거의 같습니다."),
    "coach.answers_pairs_worse": (
        "the scores got worse: the chosen text is scored above the rejected one for {tuned:.0%} of the pairs, "
        "against {base:.0%} before training.",
        "점수가 나빠졌습니다: 선택된 글이 거절된 글보다 높은 점수를 받는 쌍이 학습 전 {base:.0%}에서 {tuned:.0%}(으)로 줄었습니다."),
    "coach.change_answers_worse": (
        "Try next: a lower learning rate, {new:g} instead of {old:g} (--lr): the run pushed the model too far.",
        "다음에 해 볼 것: 학습률을 {old:g} 대신 더 낮은 {new:g}(으)로 (--lr). 학습이 모델을 너무 멀리 밀어냈습니다."),
    "coach.change_lr_lower": (
        "Try next: a lower learning rate, {new:g} instead of {old:g} (--lr).",
        "다음에 해 볼 것: 학습률을 {old:g} 대신 더 낮은 {new:g}(으)로 (--lr)."),
    "coach.change_lr_higher": (
        "Try next: a higher learning rate, {new:g} instead of {old:g} (--lr).",
        "다음에 해 볼 것: 학습률을 {old:g} 대신 더 높은 {new:g}(으)로 (--lr)."),
    "coach.change_epochs": (
        "Try next: more epochs, {new} instead of {old} (--epochs), for about {target} steps instead of {steps}.",
        "다음에 해 볼 것: 에폭 수를 {old} 대신 {new}(으)로 늘려 (--epochs) {steps} 스텝 대신 약 {target} 스텝."),
    "coach.change_fewer_epochs": (
        "Try next: fewer epochs, {new} instead of {old} (--epochs).",
        "다음에 해 볼 것: 에폭 수를 {old} 대신 {new}(으)로 줄이기 (--epochs)."),
    "coach.change_max_steps": (
        "Try next: more steps, {new} instead of {old} (--max-steps).",
        "다음에 해 볼 것: 스텝을 {old} 대신 {new}(으)로 늘리기 (--max-steps)."),
    "coach.change_logging_steps": (
        "Try next: log the loss more often, every {new} step(s) instead of every {old} (--logging-steps), so that "
        "the next run can be judged.",
        "다음에 해 볼 것: 손실을 {old} 스텝 대신 {new} 스텝마다 더 자주 기록하기 (--logging-steps). 그래야 다음 실행을 판단할 수 있습니다."),
    "coach.change_masked": (
        "Try next: check the chat template and that the prompt and answer columns are mapped right.",
        "다음에 해 볼 것: 채팅 템플릿과, 프롬프트 열과 답 열이 제대로 연결되었는지 확인하세요."),
    # the coach's notes while and after a run (Advice.parts)
    "coach.coach_title": ("Training coach", "학습 코치"),
    "coach.severity_problem": ("Problem", "문제"),
    "coach.severity_warning": ("Warning", "주의"),
    "coach.severity_info": ("Note", "참고"),
    "coach.advice_masked": (
        "The loss was 0 from the first step on (step {step} and after): the labels are all masked and nothing is "
        "learned. Check --chat-template and that the prompt and answer columns are mapped right.",
        "첫 스텝부터 손실이 0이었습니다 (스텝 {step}부터): 레이블이 모두 가려져 아무것도 배우지 않습니다. --chat-template과, 프롬프트 열과 답 열이 제대로 연결되었는지 확인하세요."),
    "coach.advice_progress": (
        "The loss fell from {first:.3g} (step {first_step}) to {last:.3g} (step {last_step}).",
        "손실이 {first:.3g} (스텝 {first_step})에서 {last:.3g} (스텝 {last_step})(으)로 줄었습니다."),
    "coach.advice_broke_nan": (
        "Training broke down: the loss became NaN at step {step}.",
        "학습이 무너졌습니다: 스텝 {step}에서 손실이 NaN이 되었습니다."),
    "coach.advice_broke_exploded": (
        "Training broke down: the loss exploded at step {step} (to {at:.3g}).",
        "학습이 무너졌습니다: 스텝 {step}에서 손실이 {at:.3g}까지 폭증했습니다."),
    "coach.advice_broke_exploded_low": (
        "Training broke down: the loss exploded at step {step} (to {at:.3g}, after a low of {low:.3g}).",
        "학습이 무너졌습니다: 스텝 {step}에서 손실이 최저 {low:.3g}을(를) 찍은 뒤 {at:.3g}까지 폭증했습니다."),
    "coach.advice_lr_too_high": (
        "The learning rate is too high: lower --lr (now {lr:g}) to {new:g} and train again.",
        "학습률이 너무 높습니다: --lr을(를) (지금 {lr:g}) {new:g}(으)로 낮추고 다시 학습하세요."),
    "coach.advice_lr_too_high_times": (
        "The learning rate is too high: lower --lr {factor} times and train again.",
        "학습률이 너무 높습니다: --lr을(를) {factor}분의 1로 낮추고 다시 학습하세요."),
    "coach.advice_overfitting": (
        "The held-out loss was lowest at step {best_step} ({best_loss:.3g}) and has risen since (to {last_loss:.3g} "
        "at step {last_step}) while the training loss kept falling: the model is memorising. The best checkpoint "
        "(step {best_step}) is what is kept and pushed.",
        "따로 뗀 행의 손실은 스텝 {best_step}에서 가장 낮았고 ({best_loss:.3g}) 그 뒤로 늘었습니다 (스텝 {last_step}에서 {last_loss:.3g}). 그동안 학습 "
        "손실은 계속 줄었습니다: 모델이 외우고 있습니다. 가장 좋은 체크포인트(스텝 {best_step})를 간직하고 올립니다."),
    "coach.advice_set_epochs": (
        "Next time set --epochs to {need} (now {epochs}).",
        "다음에는 --epochs를 {need}(으)로 두세요 (지금 {epochs})."),
    "coach.advice_flat": (
        "The loss barely moved from step {first_step} to step {last_step} (from {start:.3g} to {end:.3g}): the model "
        "is hardly learning.",
        "손실이 스텝 {first_step}부터 스텝 {last_step}까지 거의 움직이지 않았습니다 ({start:.3g}에서 {end:.3g}): 모델이 거의 배우지 못하고 있습니다."),
    "coach.advice_lr_too_low": (
        "The learning rate is probably too low (now {lr:g}): try --lr {new:g}.",
        "학습률이 너무 낮은 것 같습니다 (지금 {lr:g}): --lr {new:g}을(를) 써 보세요."),
    "coach.advice_lr_too_low_times": (
        "The learning rate is probably too low: try --lr {factor} times higher.",
        "학습률이 너무 낮은 것 같습니다: --lr을(를) {factor}배로 높여 보세요."),
    # the before/after report on the held-out rows (trainers/evaluate.py writes its parts)
    "coach.report_title": ("Before and after, on {rows}", "학습 전후 비교: {rows}"),
    "coach.report_title_seen": ("Before and after, on {rows} it trained on", "학습 전후 비교: 학습한 {rows}"),
    "coach.report_rows_unknown": ("? held-out rows", "따로 뗀 행 ?개"),
    "coach.report_held_same": (
        "Held-out loss stayed at {after:.3f}: training changed little on rows it never saw.",
        "따로 뗀 행의 손실이 {after:.3f}에 머물렀습니다: 본 적 없는 행에서는 학습으로 달라진 것이 거의 없습니다."),
    "coach.report_held_better": (
        "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is better on rows it never saw.",
        "따로 뗀 행의 손실이 {before:.3f}에서 {after:.3f}(으)로 바뀌었습니다: 미세조정한 모델이 본 적 없는 행에서 더 낫습니다."),
    "coach.report_held_worse": (
        "Held-out loss went from {before:.3f} to {after:.3f}: the tuned model is worse on rows it never saw.",
        "따로 뗀 행의 손실이 {before:.3f}에서 {after:.3f}(으)로 바뀌었습니다: 미세조정한 모델이 본 적 없는 행에서 더 나쁩니다."),
    "coach.report_preference": (
        "It prefers the chosen answer {after:.0%} of the time (the base model: {before:.0%}).",
        "선택된 답을 {after:.0%}의 경우에 더 좋게 봅니다 (기본 모델: {before:.0%})."),
    "coach.report_seen_rows": (
        "No rows were held out (the table is small), so this is measured on {rows} of the rows it trained on: it "
        "shows what the model learned from them, not how it does on new prompts.",
        "표가 작아 따로 뗀 행이 없으므로, 학습한 행 중 {rows}개에서 잰 값입니다: 모델이 이 행들에서 배운 것을 보여 줄 뿐, 새 프롬프트에서 어떤지는 보여 주지 않습니다."),
    "coach.report_margin": (
        "Answers marked good now score {after:+.2f} against answers marked bad (their average log-probability per "
        "token, good minus bad; the base model: {before:+.2f}). Higher means the model leans more towards the good "
        "answers.",
        "좋음으로 표시된 답이 이제 나쁨으로 표시된 답보다 {after:+.2f} 높게 나옵니다 (토큰당 평균 로그 확률, 좋음 빼기 나쁨; 기본 모델: {before:+.2f}). 높을수록 모델이 "
        "좋은 답 쪽으로 더 기웁니다."),
    "coach.report_reward": (
        "On the prompts measured, the mean reward went from {before:.2f} (base model) to {after:.2f} (tuned), on a "
        "scale of 0 to 1.",
        "측정한 프롬프트에서 평균 보상이 {before:.2f}(기본 모델)에서 {after:.2f}(학습한 모델)(으)로 바뀌었습니다(0~1 척도)."),
    # GRPO (coach/rewards.py): the reward, not the loss, says whether it learned
    "coach.verdict_label_reward_rose": ("reward rose", "보상 증가"),
    "coach.verdict_label_reward_flat": ("reward flat", "보상 제자리"),
    "coach.verdict_label_reward_fell": ("reward fell", "보상 감소"),
    "coach.verdict_reward_rose": (
        "The reward rose from {start:.2f} to {end:.2f} (0 to 1, over {steps} steps): the model gives the answers the "
        "rewards ask for more often.",
        "보상이 {start:.2f}에서 {end:.2f}(으)로 올랐습니다(0~1, {steps} 스텝 동안): 모델이 보상이 원하는 답을 더 자주 씁니다."),
    "coach.verdict_reward_flat": (
        "The reward stayed near {end:.2f} (from {start:.2f}, 0 to 1, over {steps} steps): the model learned little "
        "from the rewards.",
        "보상이 {end:.2f} 근처에 머물렀습니다({start:.2f}에서 시작, 0~1, {steps} 스텝 동안): 모델이 보상에서 배운 것이 거의 없습니다."),
    "coach.verdict_reward_fell": (
        "The reward fell from {start:.2f} to {end:.2f} (0 to 1, over {steps} steps): the model moved away from what "
        "the rewards ask.",
        "보상이 {start:.2f}에서 {end:.2f}(으)로 떨어졌습니다(0~1, {steps} 스텝 동안): 모델이 보상이 원하는 것에서 멀어졌습니다."),
    "coach.verdict_reward_too_few": (
        "Too few steps to tell whether the reward rose: it was logged {points} time(s).",
        "보상이 올랐는지 판단하기엔 스텝이 너무 적습니다: {points}번 기록되었습니다."),
    "coach.change_generations": (
        "Try next: more answers per prompt, {new} instead of {old} (--num-generations), so the answers differ more "
        "and the model sees which are better.",
        "다음 시도: 프롬프트당 답을 {old}개 대신 {new}개로(--num-generations) 늘려, 답이 더 다양해지고 어느 답이 나은지 모델이 보게 하세요."),
    "coach.report_copies_all": (
        "All {asked} held-out rows are copies of training rows, so they cannot show how the model does on rows it "
        "never saw; they were put back into training and no before/after comparison is made.",
        "따로 뗀 행 {asked}개가 모두 학습 행의 복사본이라, 본 적 없는 행에서 모델이 어떤지 보여 줄 수 없습니다. 이 행들은 학습으로 되돌아갔고 학습 전후 비교는 하지 않습니다."),
    "coach.report_copies_some": (
        "{copies} of the {asked} held-out rows were copies of training rows and went back into training; {valid} "
        "unseen rows are held out.",
        "따로 뗀 행 {asked}개 중 {copies}개가 학습 행의 복사본이라 학습으로 되돌아갔습니다. 본 적 없는 행 {valid}개를 따로 둡니다."),
}
