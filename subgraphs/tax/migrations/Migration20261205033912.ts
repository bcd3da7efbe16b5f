import { Migration } from '@mikro-orm/migrations';

export class Migration20261205033912 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "live_qa_member" ("id" uuid not null, "team_code" varchar(20) not null, "name" varchar(50) not null, "position" varchar(50) not null, "office" varchar(100) not null, "seq" int not null, constraint "live_qa_member_pkey" primary key ("id"));`);
    this.addSql(`create index "live_qa_member_team_code_index" on "live_qa_member" ("team_code");`);

    this.addSql(`create table "live_qa_request" ("idempotency_key" varchar(100) not null, "operation" varchar(40) not null, "actor_subject" varchar(255) not null, "request_hash" varchar(64) not null, "result" jsonb not null, "at" timestamptz not null, constraint "live_qa_request_pkey" primary key ("idempotency_key"));`);

    this.addSql(`create table "live_qa_session" ("id" uuid not null, "episode" int not null, "title" varchar(200) not null, "topic" varchar(40) not null, "source" varchar(200) null, "scheduled_at" timestamptz not null, "duration_minutes" int not null, "studio_code" varchar(20) not null, "team_code" varchar(20) not null, "host_ids" text[] not null, "status" text check ("status" in ('SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED')) not null, "version" int not null, "started_at" timestamptz null, "ended_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "views" int null, "questions_received" int null, "questions_answered" int null, "key_answers" text null, "outcome_recorded_at" timestamptz null, "outcome_recorded_by_name" text null, "scheduled_by_subject" varchar(255) not null, "scheduled_by_name" text not null, "created_at" timestamptz not null, constraint "live_qa_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "live_qa_session" add constraint "live_qa_session_episode_unique" unique ("episode");`);
    this.addSql(`create index "live_qa_session_scheduled_at_id_index" on "live_qa_session" ("scheduled_at", "id");`);
    this.addSql(`create index "live_qa_session_studio_code_scheduled_at_index" on "live_qa_session" ("studio_code", "scheduled_at");`);
    this.addSql(`create index "live_qa_session_topic_index" on "live_qa_session" ("topic");`);
    this.addSql(`create index "live_qa_session_team_code_index" on "live_qa_session" ("team_code");`);

    this.addSql(`create table "live_qa_studio" ("code" varchar(20) not null, "name" varchar(100) not null, "location" varchar(200) not null, "district" text check ("district" in ('BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG')) not null, "position" int not null, constraint "live_qa_studio_pkey" primary key ("code"));`);

    this.addSql(`create table "live_qa_team" ("code" varchar(20) not null, "name" varchar(100) not null, "focus" text not null, "focus_topics" text[] not null, "position" int not null, constraint "live_qa_team_pkey" primary key ("code"));`);

    this.addSql(`create table "quality_indicator" ("code" varchar(40) not null, "parent_code" varchar(40) null, "level" int not null, "number" varchar(10) not null, "position" int not null, "name" varchar(100) not null, "definition" text not null, "unit" text check ("unit" in ('PERCENT', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS', 'COUNT', 'SCORE')) not null, "direction" text check ("direction" in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')) not null, "source" text check ("source" in ('APPEALS', 'ENTERED', 'COMPOSITE')) not null, "appeal_rate" text check ("appeal_rate" in ('RESPONSE_RATE', 'RESOLUTION_RATE', 'SATISFACTION_RATE', 'DUPLICATE_RATE', 'OVERDUE_RATE')) null, "weight" numeric(6,2) not null, "amber_threshold" numeric(14,4) null, "red_threshold" numeric(14,4) null, "threshold_version" int not null, "thresholds_changed_at" timestamptz null, "thresholds_changed_by_subject" varchar(255) null, "thresholds_changed_by_name" text null, constraint "quality_indicator_pkey" primary key ("code"));`);
    this.addSql(`create index "quality_indicator_parent_code_index" on "quality_indicator" ("parent_code");`);
    this.addSql(`alter table "quality_indicator" add constraint "quality_indicator_number_unique" unique ("number");`);

    this.addSql(`create table "quality_request" ("idempotency_key" varchar(100) not null, "operation" varchar(40) not null, "actor_subject" varchar(255) not null, "request_hash" varchar(64) not null, "result" jsonb not null, "at" timestamptz not null, constraint "quality_request_pkey" primary key ("idempotency_key"));`);

    this.addSql(`create table "quality_threshold_change" ("id" uuid not null, "indicator_code" varchar(40) not null, "version" int not null, "amber_before" numeric(14,4) not null, "red_before" numeric(14,4) not null, "amber_after" numeric(14,4) not null, "red_after" numeric(14,4) not null, "reason" text not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "at" timestamptz not null, constraint "quality_threshold_change_pkey" primary key ("id"));`);
    this.addSql(`alter table "quality_threshold_change" add constraint "quality_threshold_change_indicator_code_version_unique" unique ("indicator_code", "version");`);

    this.addSql(`create table "quality_value" ("id" uuid not null, "indicator_code" varchar(40) not null, "unit" varchar(40) not null, "unit_kind" text check ("unit_kind" in ('DISTRICT', 'HANDLING_UNIT')) not null, "period" varchar(7) not null, "value" numeric(14,4) not null, "source" text check ("source" in ('APPEALS', 'ENTERED', 'COMPOSITE')) not null, "basis" text null, "revision" int not null, "first_recorded_at" timestamptz not null, "recorded_at" timestamptz not null, "recorded_by_subject" varchar(255) not null, "recorded_by_name" text not null, constraint "quality_value_pkey" primary key ("id"));`);
    this.addSql(`create index "quality_value_period_unit_index" on "quality_value" ("period", "unit");`);
    this.addSql(`alter table "quality_value" add constraint "quality_value_indicator_code_unit_period_unique" unique ("indicator_code", "unit", "period");`);

    this.addSql(`create table "quality_value_revision" ("id" uuid not null, "value_id" uuid not null, "revision" int not null, "value" numeric(14,4) not null, "source" text check ("source" in ('APPEALS', 'ENTERED', 'COMPOSITE')) not null, "basis" text null, "note" text null, "recorded_at" timestamptz not null, "recorded_by_subject" varchar(255) not null, "recorded_by_name" text not null, constraint "quality_value_revision_pkey" primary key ("id"));`);
    this.addSql(`alter table "quality_value_revision" add constraint "quality_value_revision_value_id_revision_unique" unique ("value_id", "revision");`);

    this.addSql(`create table "rectification_step" ("id" uuid not null, "task_id" uuid not null, "seq" int not null, "kind" text check ("kind" in ('RAISE', 'REMEASURE', 'START', 'PROGRESS', 'COMPLETE', 'VERIFY', 'RETURN')) not null, "status_before" text check ("status_before" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, "status_after" text check ("status_after" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, "actor_subject" varchar(255) not null, "actor_name" text not null, "content" text not null, "at" timestamptz not null, constraint "rectification_step_pkey" primary key ("id"));`);
    this.addSql(`alter table "rectification_step" add constraint "rectification_step_task_id_seq_unique" unique ("task_id", "seq");`);

    this.addSql(`create table "rectification_task" ("id" uuid not null, "indicator_code" varchar(40) not null, "unit" varchar(40) not null, "unit_kind" text check ("unit_kind" in ('DISTRICT', 'HANDLING_UNIT')) not null, "period" varchar(7) not null, "value_id" uuid not null, "trigger_value" numeric(14,4) not null, "amber_threshold" numeric(14,4) not null, "red_threshold" numeric(14,4) not null, "threshold_version" int not null, "status" text check ("status" in ('OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED')) not null, "version" int not null, "raised_at" timestamptz not null, "due_on" date not null, "started_at" timestamptz null, "completed_at" timestamptz null, "rectification_note" text null, "verified_at" timestamptz null, "verified_by_name" text null, "return_count" int not null, constraint "rectification_task_pkey" primary key ("id"));`);
    this.addSql(`alter table "rectification_task" add constraint "rectification_task_value_id_unique" unique ("value_id");`);
    this.addSql(`create index "rectification_task_raised_at_id_index" on "rectification_task" ("raised_at", "id");`);
    this.addSql(`create index "rectification_task_status_due_on_index" on "rectification_task" ("status", "due_on");`);
    this.addSql(`create index "rectification_task_period_index" on "rectification_task" ("period");`);
    this.addSql(`alter table "rectification_task" add constraint "rectification_task_indicator_code_unit_period_unique" unique ("indicator_code", "unit", "period");`);

    // The indicator tree is reference data every installation starts from (7 areas, 26 indicators, from
    // subgraphs/tax/quality/tree.ts as of this migration); analysts change thresholds in the table.
    this.addSql(`insert into "quality_indicator" ("code", "parent_code", "level", "number", "position", "name", "definition", "unit", "direction", "source", "appeal_rate", "weight", "amber_threshold", "red_threshold", "threshold_version") values
('RESPONSE', null, 1, '1', 1, '诉求响应 (responding to appeals)', '诉求接收后是否及时响应、直达承办单位 (whether appeals are answered promptly and routed directly)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 15, null, null, 1),
('RESPONSE_RATE', 'RESPONSE', 2, '1.1', 2, '诉求及时响应率 (timely response rate)', '接收后 1 天内受理或不予受理的诉求件数 ÷ 接收件数，由诉求记录计算 (answered within a day ÷ received, computed from the appeals)', 'PERCENT', 'HIGHER_IS_BETTER', 'APPEALS', 'RESPONSE_RATE', 30, 95, 90, 1),
('HOTLINE_ANSWER_RATE', 'RESPONSE', 2, '1.2', 3, '12366 热线人工接通率 (12366 hotline answer rate)', '人工服务接通次数 ÷ 转人工请求次数 (calls answered by staff ÷ calls asking for staff)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 25, 90, 80, 1),
('ONLINE_REPLY_HOURS', 'RESPONSE', 2, '1.3', 4, '线上留言平均答复时长 (average reply time to online messages)', '征纳互动、电子税务局等线上渠道留言从提交到首次答复的平均小时数 (hours from an online message to its first reply)', 'HOURS', 'LOWER_IS_BETTER', 'ENTERED', null, 25, 8, 24, 1),
('DIRECT_DISPATCH_RATE', 'RESPONSE', 2, '1.4', 5, '工单直达派发率 (direct dispatch rate)', '市局直接派发至承办分局或科室的工单 ÷ 受理工单，体现“直达快处” (work orders dispatched straight to the handling unit ÷ accepted)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 20, 90, 80, 1),
('HANDLING', null, 1, '2', 6, '办理质效 (handling quality)', '诉求是否按时办结、一次解决 (whether appeals are resolved on time and at the first attempt)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 20, null, null, 1),
('RESOLUTION_RATE', 'HANDLING', 2, '2.1', 7, '诉求解决率 (resolution rate)', '已处理、已反馈或已办结的件数 ÷ 受理件数，由诉求记录计算 (handled ÷ accepted, computed from the appeals)', 'PERCENT', 'HIGHER_IS_BETTER', 'APPEALS', 'RESOLUTION_RATE', 35, 90, 80, 1),
('OVERDUE_RATE', 'HANDLING', 2, '2.2', 8, '诉求超期率 (overdue rate)', '有步骤超时完成或当前阶段已超期的件数 ÷ 接收件数，由诉求记录计算 (late or overdue ÷ received, computed from the appeals)', 'PERCENT', 'LOWER_IS_BETTER', 'APPEALS', 'OVERDUE_RATE', 25, 3, 5, 1),
('AVERAGE_HANDLING_DAYS', 'HANDLING', 2, '2.3', 9, '诉求平均办结时长 (average days to close)', '当月办结诉求从接收到办结的平均自然日数 (calendar days from receipt to closing)', 'DAYS', 'LOWER_IS_BETTER', 'ENTERED', null, 20, 5, 8, 1),
('ESCALATION_RATE', 'HANDLING', 2, '2.4', 10, '提级办理率 (escalation rate)', '提级至市局工作专班的件数 ÷ 受理件数 (escalated to the city task force ÷ accepted)', 'PERCENT', 'LOWER_IS_BETTER', 'ENTERED', null, 20, 5, 10, 1),
('SATISFACTION', null, 1, '3', 11, '满意评价 (satisfaction)', '纳税人缴费人对办理结果和服务的评价 (how taxpayers rate the outcome and the service)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 20, null, null, 1),
('SATISFACTION_RATE', 'SATISFACTION', 2, '3.1', 12, '诉求回访满意率 (satisfaction at revisit)', '最近一次回访满意或基本满意的件数 ÷ 已回访件数，由诉求记录计算 (satisfied ÷ revisited, computed from the appeals)', 'PERCENT', 'HIGHER_IS_BETTER', 'APPEALS', 'SATISFACTION_RATE', 35, 95, 90, 1),
('GOOD_REVIEW_RATE', 'SATISFACTION', 2, '3.2', 13, '“好差评”好评率 (good-review rate)', '“好差评”系统好评数 ÷ 评价总数 (good reviews ÷ all reviews)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 25, 99, 97, 1),
('BAD_REVIEW_RECTIFIED_RATE', 'SATISFACTION', 2, '3.3', 14, '差评整改率 (bad reviews rectified)', '已核实整改并回访的差评 ÷ 差评数 (bad reviews rectified and revisited ÷ bad reviews)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 20, 98, 95, 1),
('REVISIT_RATE', 'SATISFACTION', 2, '3.4', 15, '办结回访率 (revisit rate)', '已回访件数 ÷ 已反馈件数 (revisited ÷ fed back)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 20, 95, 85, 1),
('CONVENIENCE', null, 1, '4', 16, '办税便利 (ease of filing and paying)', '办税缴费是否便捷、少等候 (whether filing and paying is easy and quick)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 15, null, null, 1),
('HALL_WAIT_MINUTES', 'CONVENIENCE', 2, '4.1', 17, '办税服务厅平均等候时长 (average wait in the service hall)', '取号至叫号的平均分钟数 (minutes from ticket to call)', 'MINUTES', 'LOWER_IS_BETTER', 'ENTERED', null, 25, 10, 20, 1),
('ONLINE_FILING_RATE', 'CONVENIENCE', 2, '4.2', 18, '网上办税率 (share handled online)', '通过电子税务局、征纳互动等“非接触式”渠道办理的业务量 ÷ 业务总量 (online ÷ all)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 25, 95, 90, 1),
('ETAX_AVAILABILITY', 'CONVENIENCE', 2, '4.3', 19, '电子税务局可用率 (e-tax bureau availability)', '电子税务局正常服务时长 ÷ 计划服务时长 (hours in service ÷ hours planned)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 25, 99.5, 99, 1),
('HOTLINE_WAIT_SECONDS', 'CONVENIENCE', 2, '4.4', 20, '12366 平均等待时长 (average 12366 queueing time)', '转人工后等待接通的平均秒数 (seconds waiting for staff)', 'SECONDS', 'LOWER_IS_BETTER', 'ENTERED', null, 25, 30, 60, 1),
('POLICY', null, 1, '5', 21, '政策落实 (policies delivered)', '税费优惠政策是否精准推送、应享尽享 (whether preferential policies reach those entitled)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 10, null, null, 1),
('POLICY_PUSH_REACH', 'POLICY', 2, '5.1', 22, '政策精准推送触达率 (reach of precise policy pushes)', '推送后已阅读或已确认的户数 ÷ 推送户数 (read or acknowledged ÷ pushed)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 35, 90, 80, 1),
('PREFERENCE_ENJOYED_RATE', 'POLICY', 2, '5.2', 23, '优惠政策应享尽享率 (entitled taxpayers who claimed)', '已享受优惠的户数 ÷ 符合条件的户数 (claimed ÷ entitled)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 40, 98, 95, 1),
('ANSWER_ACCURACY', 'POLICY', 2, '5.3', 24, '政策答疑准确率 (accuracy of policy answers)', '抽检答复中口径准确的件数 ÷ 抽检件数 (accurate ÷ sampled answers)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 25, 98, 95, 1),
('RISK', null, 1, '6', 25, '风险防控 (risk control)', '重复诉求、舆情与高频热点风险是否得到控制 (repeat appeals, opinion and hot-spot risks)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 10, null, null, 1),
('DUPLICATE_RATE', 'RISK', 2, '6.1', 26, '重复诉求率 (duplicate rate)', '同一当事人同一主题 30 日内的可能重复件 ÷ 接收件数，由诉求记录计算 (likely duplicates ÷ received, computed from the appeals)', 'PERCENT', 'LOWER_IS_BETTER', 'APPEALS', 'DUPLICATE_RATE', 30, 5, 8, 1),
('NEGATIVE_OPINION_COUNT', 'RISK', 2, '6.2', 27, '涉税负面舆情件数 (negative online opinion)', '经核实的涉税负面舆情件数 (verified negative opinion items)', 'COUNT', 'LOWER_IS_BETTER', 'ENTERED', null, 25, 1, 3, 1),
('INVOICE_REFUSAL_REPORTS', 'RISK', 2, '6.3', 28, '拒开发票有效举报件数 (valid reports of refused invoices)', '经 12366、12345 受理的拒开发票有效举报件数 (valid reports of refused invoices)', 'COUNT', 'LOWER_IS_BETTER', 'ENTERED', null, 25, 8, 15, 1),
('RISK_REMINDER_COVERAGE', 'RISK', 2, '6.4', 29, '风险提醒覆盖率 (coverage of risk reminders)', '已发送风险提醒的风险户 ÷ 识别出的风险户 (reminded ÷ identified risky taxpayers)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 20, 90, 80, 1),
('SUPERVISION', null, 1, '7', 30, '监督整改 (supervision and rectification)', '发现的问题是否按期整改、不再复发 (whether problems found are rectified on time and stay fixed)', 'SCORE', 'HIGHER_IS_BETTER', 'COMPOSITE', null, 10, null, null, 1),
('RECTIFICATION_ON_TIME_RATE', 'SUPERVISION', 2, '7.1', 31, '整改任务按期完成率 (rectifications done on time)', '期限内完成的整改任务 ÷ 到期的整改任务 (tasks done by their due date ÷ tasks due)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 40, 90, 80, 1),
('SUPERVISED_CLOSURE_RATE', 'SUPERVISION', 2, '7.2', 32, '督办件办结率 (supervised items closed)', '县局纳税服务中心督办的工单中已办结的比例 (supervised work orders closed ÷ supervised)', 'PERCENT', 'HIGHER_IS_BETTER', 'ENTERED', null, 30, 95, 90, 1),
('RECURRING_PROBLEM_COUNT', 'SUPERVISION', 2, '7.3', 33, '同类问题重复发生件数 (recurring problems)', '整改验收后 3 个月内再次出现的同类问题件数 (the same problem again within 3 months of a verified rectification)', 'COUNT', 'LOWER_IS_BETTER', 'ENTERED', null, 30, 2, 5, 1);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live_qa_member" cascade;`);

    this.addSql(`drop table if exists "live_qa_request" cascade;`);

    this.addSql(`drop table if exists "live_qa_session" cascade;`);

    this.addSql(`drop table if exists "live_qa_studio" cascade;`);

    this.addSql(`drop table if exists "live_qa_team" cascade;`);

    this.addSql(`drop table if exists "quality_indicator" cascade;`);

    this.addSql(`drop table if exists "quality_request" cascade;`);

    this.addSql(`drop table if exists "quality_threshold_change" cascade;`);

    this.addSql(`drop table if exists "quality_value" cascade;`);

    this.addSql(`drop table if exists "quality_value_revision" cascade;`);

    this.addSql(`drop table if exists "rectification_step" cascade;`);

    this.addSql(`drop table if exists "rectification_task" cascade;`);
  }

}
